package io.strata.hostile;

import io.strata.testing.Archives;
import io.strata.testing.LayerTar;
import io.strata.testing.RawTar;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Paths as weapons: 64 KiB long, 10,000 levels deep, and climbing out with ".." or "/" in every place a name goes. */
class PathsTest {
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    /** A path of exactly {@code bytes} ASCII bytes made of 255-byte segments. */
    static String longPath(int bytes) {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int room = bytes - sb.length() - (sb.length() > 0 ? 1 : 0);
            if (room <= 0) return sb.toString();
            if (sb.length() > 0) sb.append('/');
            sb.append("s".repeat(Math.min(255, room)));
        }
    }

    @Test
    void aSixtyFourKibibytePathIsReadAndOneByteMoreIsAFinding() throws Exception {
        String path = longPath(64 * 1024);
        byte[] layer = longFile(new RawTar(), path, "at the end of a long road").finish();
        Path archive = new Archives.Docker().layer(layer).write(tmp.resolve("long.tar"));
        var outcomes = Measure.of("64 KiB path, every command", () -> CommandMatrix.runAll(archive, tmp, LIMIT)).value();
        assertEquals(0, CommandMatrix.of(outcomes, "verify").code(), CommandMatrix.of(outcomes, "verify").out());
        var extract = CommandMatrix.run(List.of("extract", archive.toString(), "/" + path, "-o", tmp.resolve("x").toString()));
        assertEquals(0, extract.code(), extract.err());
        assertEquals("at the end of a long road", Files.readString(tmp.resolve("x")));

        byte[] tooLong = longFile(new RawTar(), longPath(64 * 1024 + 1), "x").finish();
        Path over = new Archives.Docker().layer(tooLong).write(tmp.resolve("longer.tar"));
        var verify = CommandMatrix.run(List.of("verify", over.toString()));
        assertEquals(1, verify.code());
        assertTrue(verify.out().contains("error: path-too-long layer 0"), verify.out());
        assertEquals(0, CommandMatrix.run(List.of("verify", "-q", over.toString(), "--max-path-bytes", "70000")).code(),
                "the limit is a flag");
    }

    @Test
    void tenThousandLevelsOfDirectories() throws Exception {
        String deep = "d/".repeat(10_000) + "bottom.txt";
        RawTar tar = new RawTar();
        for (int level = 1000; level <= 10_000; level += 1000) {
            tar.pax('x', Map.of("path", "d/".repeat(level))).entry("placeholder/", '5', new byte[0]);
        }
        longFile(tar, deep, "deep down");
        tar.pax('x', Map.of("linkpath", deep)).entry("shortcut".getBytes(StandardCharsets.UTF_8), '2', new byte[0], 0,
                "placeholder".getBytes(StandardCharsets.UTF_8));
        byte[] layer = tar.finish();
        Path archive = new Archives.Docker().layer(layer).write(tmp.resolve("deep.tar"));
        // waste, ci, report and advise take 5 to 35 s each on this tree (dive's efficiency walk builds every node's
        // full path); they run with -Dstrata.hostile.full=true, the rest always
        Set<String> skip = Boolean.getBoolean("strata.hostile.full") ? Set.of() : Set.of("waste", "ci", "report", "advise");
        var outcomes = Measure.of("10,000 levels deep, every command but " + skip,
                () -> CommandMatrix.runAll(archive, tmp, LIMIT, skip)).value();
        assertEquals(0, CommandMatrix.of(outcomes, "verify").code(), CommandMatrix.of(outcomes, "verify").out());
        var extract = CommandMatrix.run(List.of("extract", archive.toString(), "/shortcut", "-o", tmp.resolve("x").toString()));
        assertEquals(0, extract.code(), extract.err());
        assertEquals("deep down", Files.readString(tmp.resolve("x")));
        var export = CommandMatrix.run(List.of("export", archive.toString(), "-o", tmp.resolve("deep-rootfs.tar").toString()));
        assertEquals(0, export.code(), export.err());
        assertEquals(10_002, names(tmp.resolve("deep-rootfs.tar")).size(), "10,000 directories, the file and the link");
    }

    @Test
    void dotDotAndAbsoluteNamesInsideALayerNeverLeaveTheRoot() throws Exception {
        byte[] layer = new RawTar()
                .entry("../../escaped.txt", '0', "out".getBytes(StandardCharsets.UTF_8))
                .entry("a/../../../etc/escaped2", '0', "out".getBytes(StandardCharsets.UTF_8))
                .entry("/etc/absolute.txt", '0', "in".getBytes(StandardCharsets.UTF_8))
                .entry("safe.txt", '0', "ok".getBytes(StandardCharsets.UTF_8))
                .entry("link".getBytes(StandardCharsets.UTF_8), '1', new byte[0], 0,
                        "../../etc/shadow".getBytes(StandardCharsets.UTF_8))
                .finish();
        Path work = Files.createDirectory(tmp.resolve("work"));
        Path archive = new Archives.Docker().layer(layer).write(tmp.resolve("climb.tar"));
        List<Path> before = listAll(tmp);
        var outcomes = CommandMatrix.runAll(archive, work, LIMIT);
        var verify = CommandMatrix.of(outcomes, "verify");
        assertEquals(1, verify.code());
        assertTrue(verify.out().contains("error: path-escape") && verify.out().contains("error: hardlink-escape")
                && verify.out().contains("warning: absolute-path"), verify.out());
        var export = CommandMatrix.run(List.of("export", archive.toString(), "-o", work.resolve("rootfs.tar").toString()));
        assertEquals(0, export.code(), export.err());
        assertEquals(List.of("etc/", "etc/absolute.txt", "safe.txt"), names(work.resolve("rootfs.tar")).stream().sorted().toList());
        // nothing was written anywhere but the outputs named inside work/
        List<Path> after = listAll(tmp);
        after.removeIf(p -> p.startsWith(work));
        assertEquals(before.stream().filter(p -> !p.startsWith(work)).toList(), after);
        assertFalse(Files.exists(tmp.resolve("escaped.txt")) || Files.exists(tmp.getParent().resolve("escaped.txt")));
    }

    @Test
    void dotDotAndAbsoluteNamesInManifestJsonAreRefused() throws Exception {
        byte[] layer = LayerTar.create().file("a", "a").bytes();
        Archives.Docker configEscape = new Archives.Docker().layer(layer);
        configEscape.manifest("[{\"Config\":\"../../../etc/passwd\",\"RepoTags\":[\"x:1\"],\"Layers\":[\"layer0.tar\"]}]");
        var r1 = CommandMatrix.runAll(configEscape.write(tmp.resolve("config-escape.tar")), tmp, LIMIT);
        assertEquals(2, CommandMatrix.of(r1, "inspect").code());
        assertTrue(CommandMatrix.of(r1, "inspect").err().contains("points outside the archive"), r1.toString());

        Archives.Docker layerEscape = new Archives.Docker().layer(layer);
        layerEscape.manifest("[{\"Config\":\"" + layerEscape.configName() + "\",\"Layers\":[\"../../layer0.tar\"]}]");
        var r2 = CommandMatrix.runAll(layerEscape.write(tmp.resolve("layer-escape.tar")), tmp, LIMIT);
        assertTrue(CommandMatrix.of(r2, "inspect").err().contains("points outside the archive"), r2.toString());

        Archives.Docker absolute = new Archives.Docker().layer(layer);
        absolute.manifest("[{\"Config\":\"" + absolute.configName() + "\",\"Layers\":[\"/etc/hostname\"]}]");
        var r3 = CommandMatrix.runAll(absolute.write(tmp.resolve("absolute.tar")), tmp, LIMIT);
        // an absolute name is read inside the archive (where there is no /etc/hostname), never on the host
        assertEquals(1, CommandMatrix.of(r3, "verify").code(), CommandMatrix.of(r3, "verify").out());
        assertTrue(CommandMatrix.of(r3, "verify").out().contains("error: path-escape"), CommandMatrix.of(r3, "verify").out());
    }

    @Test
    void anOuterTarEntryThatClimbsOutIsRefused() throws Exception {
        java.util.Map<String, byte[]> files = new java.util.LinkedHashMap<>(new Archives.Docker()
                .layer(LayerTar.create().file("a", "a").bytes()).files());
        files.put("../../outside", "x".getBytes(StandardCharsets.UTF_8));
        Path archive = Archives.writeTar(files, tmp.resolve("outer-escape.tar"));
        var outcomes = CommandMatrix.runAll(archive, tmp, LIMIT);
        assertTrue(CommandMatrix.of(outcomes, "inspect").err().contains("points outside the archive"), outcomes.toString());
    }

    /** A file whose name is given in a PAX record (commons-compress writes long names in quadratic time). */
    static RawTar longFile(RawTar tar, String name, String content) {
        return tar.pax('x', Map.of("path", name)).entry("placeholder", '0', content.getBytes(StandardCharsets.UTF_8));
    }

    static List<String> names(Path tar) throws IOException {
        List<String> out = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tar))) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                assertFalse(e.getName().startsWith("/") || ("/" + e.getName() + "/").contains("/../"), e.getName());
                out.add(e.getName());
            }
        }
        return out;
    }

    private static List<Path> listAll(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return new ArrayList<>(s.sorted().toList());
        }
    }
}
