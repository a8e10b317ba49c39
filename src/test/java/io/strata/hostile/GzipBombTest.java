package io.strata.hostile;

import io.strata.testing.Archives;
import io.strata.testing.RawTar;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Decompression bombs: a layer blob of ~16 MB that inflates to 16 GiB (a multi-member gzip of zeros, which
 * readers must accept, as gzip allows members to be concatenated), and a whole archive that does the same.
 * The layer guard only starts counting past 1 GiB, so the test lowers --max-inflate-ratio to keep it quick and
 * certain (zeros compress about 1030:1 at best, just over the default 1000). Only verify runs on it: inflating
 * the first GiB takes seconds, and every command reads layers through the same guarded scanner.
 */
class GzipBombTest {
    private static final int MEMBER_BYTES = 64 << 20;
    private static byte[] zerosMember;

    @TempDir
    Path tmp;

    @BeforeAll
    static void compressZerosOnce() throws IOException {
        zerosMember = gzip(new byte[MEMBER_BYTES]);
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    /** A gzip layer: a tar header for one file of {@code members * 64 MiB}, then that many members of zeros. */
    private Path bombLayer(int members) throws IOException {
        byte[] header = new RawTar().pax('x', Map.of("size", String.valueOf((long) members * MEMBER_BYTES)))
                .entry("bomb.bin", '0', new byte[0]).finish();
        Path file = tmp.resolve("bomb.tar.gz");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(gzip(java.util.Arrays.copyOf(header, header.length - 1024)));
            for (int i = 0; i < members; i++) out.write(zerosMember);
        }
        return file;
    }

    @Test
    void aLayerThatInflatesToSixteenGigabytesIsStopped() throws Exception {
        byte[] stored = Files.readAllBytes(bombLayer(256));
        Map<String, byte[]> files = new LinkedHashMap<>(new Archives.Docker().layer(new byte[0]).files());
        files.put("layer0.tar", stored);
        Path archive = Archives.writeTar(files, tmp.resolve("bomb.tar"));
        System.out.println("hostile: gzip bomb layer stored " + stored.length + " bytes, inflates to "
                + (256L * MEMBER_BYTES) + " bytes");
        var verify = Measure.of("gzip bomb layer (verify)", () -> CommandMatrix.run(
                List.of("verify", archive.toString(), "--max-inflate-ratio", "100"))).value();
        assertEquals(1, verify.code());
        assertTrue(verify.out().contains("error: layer-unreadable layer 0") && verify.out().contains("decompression bomb")
                && verify.out().contains("--max-inflate-ratio"), verify.out());
    }

    @Test
    void aCompressedArchiveThatInflatesPastTheSpoolLimitIsRefused() throws Exception {
        Path archive = tmp.resolve("bomb-archive.tar.gz");
        try (OutputStream out = Files.newOutputStream(archive)) {
            for (int i = 0; i < 64; i++) out.write(zerosMember);
        }
        var r = Measure.of("4 GiB archive bomb (inspect, --max-spool-bytes 200000000)", () -> CommandMatrix.run(
                List.of("inspect", archive.toString(), "--max-spool-bytes", "200000000"))).value();
        assertEquals(2, r.code());
        assertTrue(r.err().contains("decompresses to more than 200000000 bytes (raise --max-spool-bytes)"), r.err());
    }
}
