package io.strata.cache;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Derived values beside the layer scans: a hit is exactly what was stored for the key; anything else is refused and deleted. */
class DerivedCacheTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @TempDir
    Path root;

    private Path file(String key) {
        return root.resolve("derived").resolve(DerivedCache.fileName(key));
    }

    @Test
    void aStoredPayloadComesBackForItsKeyOnly() throws Exception {
        DerivedCache cache = new DerivedCache(root);
        byte[] payload = "the inventory".getBytes(StandardCharsets.UTF_8);
        cache.store("chain a", payload);
        assertEquals(1, cache.written());
        assertArrayEquals(payload, cache.find("chain a").orElseThrow().toArray());
        assertEquals(Optional.empty(), cache.find("chain b"));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("derived"))));
        assertTrue(Files.exists(root.resolve("CACHEDIR.TAG")));
    }

    @Test
    void damagedOrForeignEntriesAreRefusedAndDeleted() throws Exception {
        DerivedCache cache = new DerivedCache(root);
        cache.store("a", new byte[]{1, 2, 3, 4});
        cache.store("b", new byte[]{5, 6, 7, 8});
        byte[] whole = Files.readAllBytes(file("a"));

        for (int at : new int[]{0, 9, whole.length / 2, whole.length - 1}) {
            byte[] flipped = whole.clone();
            flipped[at] ^= 1;
            Files.write(file("a"), flipped);
            assertEquals(Optional.empty(), cache.find("a"), "byte " + at + " flipped");
            assertFalse(Files.exists(file("a")), "deleted");
        }
        Files.write(file("a"), Arrays.copyOf(whole, whole.length - 1));
        assertEquals(Optional.empty(), cache.find("a"), "truncated");
        Files.write(file("a"), new byte[0]);
        assertEquals(Optional.empty(), cache.find("a"), "empty");

        Files.copy(file("b"), file("a"));
        assertEquals(Optional.empty(), cache.find("a"), "b's whole entry under a's name");
        assertFalse(Files.exists(file("a")));
        assertArrayEquals(new byte[]{5, 6, 7, 8}, cache.find("b").orElseThrow().toArray(), "b itself is untouched");
        assertEquals(7, cache.rejected());

        cache.reject("b");
        assertFalse(Files.exists(file("b")), "the caller's own checks refused it");
    }

    @Test
    void everySingleBitFlipAndEveryCutIsRefused() throws Exception {
        DerivedCache cache = new DerivedCache(root);
        cache.store("k", "a small payload".getBytes(StandardCharsets.UTF_8));
        byte[] whole = Files.readAllBytes(file("k"));
        for (int bit = 0; bit < whole.length * 8; bit++) {
            byte[] flipped = whole.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            Files.write(file("k"), flipped);
            assertEquals(Optional.empty(), cache.find("k"), "bit " + bit + " flipped");
        }
        for (int length = 0; length < whole.length; length++) {
            Files.write(file("k"), Arrays.copyOf(whole, length));
            assertEquals(Optional.empty(), cache.find("k"), "cut to " + length + " bytes");
        }
        Files.write(file("k"), whole);
        assertArrayEquals("a small payload".getBytes(StandardCharsets.UTF_8), cache.find("k").orElseThrow().toArray());
    }

    @Test
    void anEntryOfTheFormerFormatIsRefusedAndDeleted() throws Exception {
        // format 1: the same frame with a SHA-256 trailer instead of the CRC-32, written by Strata before format 2
        byte[] key = "k".getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
        out.write("STRATADV".getBytes(StandardCharsets.US_ASCII));
        out.writeInt(1);
        out.writeInt(key.length);
        out.write(key);
        out.writeInt(4);
        out.write(new byte[]{1, 2, 3, 4});
        out.write(java.security.MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
        Files.createDirectories(file("k").getParent());
        Files.write(file("k"), bytes.toByteArray());
        DerivedCache cache = new DerivedCache(root);
        assertEquals(Optional.empty(), cache.find("k"));
        assertFalse(Files.exists(file("k")), "deleted, so the next run writes it anew");
        assertEquals(1, cache.rejected());
        cache.store("k", new byte[]{1, 2, 3, 4});
        assertArrayEquals(new byte[]{1, 2, 3, 4}, cache.find("k").orElseThrow().toArray());
    }

    @Test
    void infoAndPruneCountDerivedEntriesBesideLayerScans() throws Exception {
        DerivedCache cache = new DerivedCache(root);
        cache.store("keep", new byte[100]);
        cache.store("aged", new byte[100]);
        cache.store("hurt", new byte[100]);
        Files.setLastModifiedTime(file("aged"), FileTime.from(NOW.minus(Duration.ofDays(31))));
        byte[] bytes = Files.readAllBytes(file("hurt"));
        bytes[bytes.length / 2] ^= 1;
        Files.write(file("hurt"), bytes);
        Files.setLastModifiedTime(file("keep"), FileTime.from(NOW));
        Files.setLastModifiedTime(file("hurt"), FileTime.from(NOW));
        long size = Files.size(file("keep"));

        CacheMaintenance.Info info = CacheMaintenance.info(root);
        assertEquals(3, info.entries());
        assertEquals(3 * size, info.bytes());

        CacheMaintenance.Pruned p = CacheMaintenance.prune(root, CacheMaintenance.Policy.defaults(), NOW);
        assertEquals(new CacheMaintenance.Pruned(root, 2, 2 * size, 1, 1, size), p);
        assertTrue(Files.exists(file("keep")));
        assertFalse(Files.exists(file("aged")));
        assertFalse(Files.exists(file("hurt")));

        CacheMaintenance.prune(root, new CacheMaintenance.Policy(true, 0, Duration.ZERO), NOW);
        assertEquals(0, CacheMaintenance.info(root).entries());
    }
}
