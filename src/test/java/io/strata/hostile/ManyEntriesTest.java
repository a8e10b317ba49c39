package io.strata.hostile;

import io.strata.testing.Archives;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A layer of many one-byte files: 100,000 in CI, the full 10^6 with {@code -Dstrata.hostile.entries=1000000}.
 * Every entry costs a 512-byte header and a 512-byte data block, so 10^6 entries are a 1 GB tar (gzip makes it small).
 */
class ManyEntriesTest {
    private static final int ENTRIES = Integer.getInteger("strata.hostile.entries", 100_000);

    @TempDir
    Path tmp;

    private Path archive(int entries) throws Exception {
        return archive(tmp, entries);
    }

    /** A docker-archive in {@code dir} with one gzip layer of {@code entries} one-byte files. */
    static Path archive(Path dir, int entries) throws Exception {
        Path layer = dir.resolve("many.tar.gz");
        MessageDigest diffId = MessageDigest.getInstance("SHA-256");
        try (OutputStream file = Files.newOutputStream(layer);
             GZIPOutputStream gz = new GZIPOutputStream(file, 1 << 16);
             DigestOutputStream tarBytes = new DigestOutputStream(gz, diffId);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(tarBytes)) {
            for (int i = 0; i < entries; i++) {
                TarArchiveEntry e = new TarArchiveEntry("d" + (i / 1000) + "/f" + i);
                e.setSize(1);
                e.setModTime(0);
                tar.putArchiveEntry(e);
                tar.write('x');
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
        String id = "sha256:" + HexFormat.of().formatHex(diffId.digest());
        return new Archives.Docker().storedLayer(Files.readAllBytes(layer), id, ".tar.gz").write(dir.resolve("many.tar"));
    }

    @Test
    void oneByteEntriesByTheHundredThousand() throws Exception {
        Path archive = archive(ENTRIES);
        Duration limit = Duration.ofSeconds(ENTRIES >= 1_000_000 ? 600 : 120);
        var inspect = Measure.of(ENTRIES + " one-byte entries (inspect --format json)", () -> assertTimeoutPreemptively(
                limit, () -> CommandMatrix.run(List.of("inspect", "--format", "json", archive.toString()))));
        assertEquals(0, inspect.value().code(), inspect.value().err());
        assertTrue(inspect.value().out().contains("\"entries\" : " + ENTRIES), "entries counted");
        var verify = Measure.of(ENTRIES + " one-byte entries (verify)", () -> assertTimeoutPreemptively(
                limit, () -> CommandMatrix.run(List.of("verify", "-q", archive.toString()))));
        assertEquals(0, verify.value().code(), verify.value().out());
        var export = Measure.of(ENTRIES + " one-byte entries (export)", () -> assertTimeoutPreemptively(limit,
                () -> CommandMatrix.run(List.of("export", archive.toString(), "-o", tmp.resolve("rootfs.tar").toString()))));
        assertEquals(0, export.value().code(), export.value().err());
    }

    @Test
    void aLoweredEntryLimitStopsTheLayer() throws Exception {
        var r = CommandMatrix.run(List.of("inspect", archive(5000).toString(), "--max-layer-entries", "1000"));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("more than 1000 entries (raise --max-layer-entries)"), r.err());
    }
}
