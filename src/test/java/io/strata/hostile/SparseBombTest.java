package io.strata.hostile;

import io.strata.testing.Archives;
import io.strata.testing.RawTar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sparse files claim their expanded size in a header: a 20 KB archive can hold a 2 GiB file of holes, which took
 * 35-40 s of CPU to hash one zero byte at a time. The expanded size is bounded against the tar bytes (as the
 * inflation ratio is), and the holes that are allowed cost hashing only, not a byte-by-byte read.
 */
class SparseBombTest {
    /** commons-compress parses a PAX 1.0 realsize as an int: just under 2 GiB is the biggest claim it takes */
    private static final long TWO_GIB = (2L << 30) - 4096;

    @TempDir
    Path tmp;

    /** A GNU PAX 1.0 sparse entry: the map (count, then offset/size pairs, one per line) heads the data. */
    static RawTar pax10(RawTar tar, String name, long realSize, long dataOffset, byte[] data) {
        tar.pax('x', ordered("GNU.sparse.major", "1", "GNU.sparse.minor", "0", "GNU.sparse.name", name,
                "GNU.sparse.realsize", Long.toString(realSize)));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] map = ("1\n" + dataOffset + "\n" + data.length + "\n").getBytes(StandardCharsets.US_ASCII);
        body.writeBytes(map);
        body.writeBytes(new byte[512 - map.length]);
        body.writeBytes(data);
        return tar.entry("GNUSparseFile.0/" + name, '0', body.toByteArray());
    }

    /** A GNU PAX 0.1 sparse entry: the map in one record, the data alone in the entry. */
    static RawTar pax01(RawTar tar, String name, long realSize, long dataOffset, byte[] data) {
        tar.pax('x', ordered("GNU.sparse.size", Long.toString(realSize), "GNU.sparse.numblocks", "1",
                "GNU.sparse.map", dataOffset + "," + data.length));
        return tar.entry(name, '0', data);
    }

    private static Map<String, String> ordered(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }

    @Test
    void twoGibibytesOfHolesInATinyArchiveAreRefusedAtOnce() throws Exception {
        byte[] data = "payload".repeat(500).getBytes(StandardCharsets.US_ASCII);
        for (String format : List.of("pax-1.0", "pax-0.1", "eight-pax-1.0")) {
            RawTar tar = new RawTar();
            int count = format.startsWith("eight") ? 8 : 1;
            for (int i = 0; i < count; i++) {
                if (format.equals("pax-0.1")) pax01(tar, "big" + i, TWO_GIB, TWO_GIB - data.length, data);
                else pax10(tar, "big" + i, TWO_GIB, TWO_GIB - data.length, data);
            }
            byte[] layer = tar.finish();
            assertTrue(layer.length < count * 8_000, "a small archive: " + layer.length);
            Path archive = new Archives.Docker().layer(layer).write(tmp.resolve(format + ".tar"));
            long start = System.nanoTime();
            var inspect = CommandMatrix.run(List.of("inspect", archive.toString(), "--no-cache"));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals(2, inspect.code(), format + ": " + inspect.out());
            assertTrue(inspect.err().contains("sparse bomb") && inspect.err().contains("--max-inflate-ratio"),
                    inspect.err());
            assertTrue(ms < 5_000, format + " took " + ms + " ms");
            CommandMatrix.runAll(archive, tmp, Duration.ofSeconds(20), "--no-cache");
        }
    }

    @Test
    void allowedHolesAreHashedWithoutReadingThemByteByByte() throws Exception {
        long realSize = 48L << 20; // under the floor the ratio applies above
        byte[] data = "the end".getBytes(StandardCharsets.US_ASCII);
        byte[] layer = pax10(new RawTar(), "holes.bin", realSize, realSize - data.length, data).finish();
        Path archive = new Archives.Docker().layer(layer).write(tmp.resolve("holes.tar"));
        long start = System.nanoTime();
        var files = CommandMatrix.run(List.of("files", archive.toString(), "--format", "json", "--no-cache"));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(0, files.code(), files.err());
        var row = Archives.JSON.readTree(files.out()).path("files").get(0);
        assertEquals("/holes.bin", row.path("path").asText());
        assertEquals(realSize, row.path("size").asLong());
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] zeros = new byte[1 << 20];
        for (long left = realSize - data.length; left > 0; left -= zeros.length) {
            sha.update(zeros, 0, (int) Math.min(left, zeros.length));
        }
        sha.update(data);
        assertEquals("sha256:" + HexFormat.of().formatHex(sha.digest()), row.path("sha256").asText());
        assertTrue(ms < 10_000, "48 MiB of holes took " + ms + " ms");
    }
}
