package io.strata.cli;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `strata extract` against the bytes of the layer tars themselves (read here with commons-compress) and the
 * flattener's sha256 of the merged view.
 */
class ExtractCommandTest {
    @TempDir
    Path tmp;

    /** The bytes of {@code path} inside a layer tar (plain or gzip), as stored: the last entry of that name. */
    static byte[] fromLayerTar(byte[] layer, String path) throws IOException {
        InputStream raw = new ByteArrayInputStream(layer);
        if ((layer[0] & 0xff) == 0x1f && (layer[1] & 0xff) == 0x8b) raw = new GzipCompressorInputStream(raw);
        byte[] found = null;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(raw)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                String name = e.getName().replaceFirst("^\\./", "");
                if (name.equals(path)) found = tar.readAllBytes();
            }
        }
        if (found == null) throw new AssertionError(path + " not in the layer tar");
        return found;
    }

    private byte[] extract(String... args) throws IOException {
        Path out = tmp.resolve("out-" + System.nanoTime());
        String[] full = new String[args.length + 2];
        System.arraycopy(args, 0, full, 0, args.length);
        full[args.length] = "-o";
        full[args.length + 1] = out.toString();
        CliRun run = CliRun.strata(full);
        assertEquals(0, run.code(), run.err());
        return Files.readAllBytes(out);
    }

    @Test
    void bigBinFromLayerTwoIsByteIdenticalToTheLayerTar() throws Exception {
        byte[] layer = VerifyCommandTest.entryBytes(Path.of(CliRun.SAMPLE), VerifyCommandTest.layerName(Path.of(CliRun.SAMPLE), 2));
        byte[] expected = fromLayerTar(layer, "opt/app/data/big.bin");
        assertEquals(1024 * 1024, expected.length);
        assertArrayEquals(expected, extract("extract", CliRun.SAMPLE, "/opt/app/data/big.bin", "--layer", "2"));
    }

    @Test
    void bigBinFromAGzipLayerOfTheOciLayout() throws Exception {
        Path archive = Path.of("testdata/sample/sample.oci-layout-gzip.tar");
        var layer2 = io.strata.testing.Facts.read(io.strata.testing.Facts.of(archive)).layers().get(2);
        byte[] layer = VerifyCommandTest.entryBytes(archive, "sample/" + layer2.storedPath());
        assertArrayEquals(fromLayerTar(layer, "opt/app/data/big.bin"),
                extract("extract", archive.toString(), "opt/app/data/big.bin", "--layer", "2"));
    }

    @Test
    void obsoleteTxtIsDeletedInTheMergedViewButLayerOneStillHasIt() throws Exception {
        CliRun merged = CliRun.strata("extract", CliRun.SAMPLE, "/opt/app/data/obsolete.txt", "-o", tmp.resolve("x").toString());
        assertEquals(2, merged.code());
        assertTrue(merged.err().contains("use --layer 1"), merged.err());
        assertFalse(Files.exists(tmp.resolve("x")), "a failed extract leaves no output file");
        byte[] layer = VerifyCommandTest.entryBytes(Path.of(CliRun.SAMPLE), VerifyCommandTest.layerName(Path.of(CliRun.SAMPLE), 1));
        assertArrayEquals(fromLayerTar(layer, "opt/app/data/obsolete.txt"),
                extract("extract", CliRun.SAMPLE, "/opt/app/data/obsolete.txt", "--layer", "1"));
    }

    @Test
    void mergedFilesMatchTheFlattenersSha256() throws Exception {
        Path listing = Path.of(CliRun.SAMPLE + ".merged.img0.txt");
        List<String> wanted = List.of("etc/passwd", "opt/app/conf/app.conf", "opt/app/data/linked-2.txt",
                "opt/app/data/café menu.txt", "opt/app/data/empty.txt",
                "opt/app/data/a-rather-long-directory-name-to-exceed-the-ustar-limit/and-another-long-subdirectory-name/file-with-a-long-name-too.txt");
        for (String line : Files.readAllLines(listing, StandardCharsets.UTF_8)) {
            String[] f = line.split("\\|", -1);
            if (!wanted.contains(f[0])) continue;
            byte[] bytes = extract("extract", CliRun.SAMPLE, "/" + f[0]);
            assertEquals(Long.parseLong(f[5]), bytes.length, f[0]);
            assertEquals("sha256:" + f[7], VerifyCommandTest.sha256(bytes), f[0]);
        }
    }

    @Test
    void symlinksResolveInsideTheImageAndNoFollowGivesTheLink() throws Exception {
        byte[] runSh = extract("extract", CliRun.SAMPLE, "/opt/app/bin/run.sh");
        assertArrayEquals(runSh, extract("extract", CliRun.SAMPLE, "/usr/local/bin/app-run"));
        assertEquals("/opt/app/bin/run.sh", new String(extract("extract", CliRun.SAMPLE, "/usr/local/bin/app-run",
                "--no-follow"), StandardCharsets.UTF_8));
        // relative target ../conf/app.conf, and the final (chmod 600) version of it
        assertArrayEquals(extract("extract", CliRun.SAMPLE, "/opt/app/conf/app.conf"),
                extract("extract", CliRun.SAMPLE, "/opt/app/data/conf-link"));
        CliRun dangling = CliRun.strata("extract", CliRun.SAMPLE, "/opt/app/data/dangling-link");
        assertEquals(2, dangling.code());
        assertTrue(dangling.err().contains("/does: no such file") && dangling.err().contains("dangling-link"),
                dangling.err());
    }

    @Test
    void directoriesAndUnknownLayersAreUsageErrors() {
        CliRun dir = CliRun.strata("extract", CliRun.SAMPLE, "/opt/app");
        assertEquals(2, dir.code());
        assertTrue(dir.err().contains("is a directory"), dir.err());
        CliRun layer = CliRun.strata("extract", CliRun.SAMPLE, "/etc/passwd", "--layer", "42");
        assertEquals(2, layer.code());
        assertTrue(layer.err().contains("layers 0..8"), layer.err());
        CliRun notThere = CliRun.strata("extract", CliRun.SAMPLE, "/etc/passwd", "--layer", "2");
        assertEquals(2, notThere.code());
        assertTrue(notThere.err().contains("stored in layer 0"), notThere.err());
    }

    @Test
    void standardOutputByDefault() {
        PrintStream saved = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true));
        CliRun run;
        try {
            run = CliRun.strata("extract", CliRun.SAMPLE, "/etc/passwd");
        } finally {
            System.setOut(saved);
        }
        assertEquals(0, run.code(), run.err());
        assertTrue(captured.toString(StandardCharsets.UTF_8).startsWith("root:x:0:0:"), captured.toString());
    }
}
