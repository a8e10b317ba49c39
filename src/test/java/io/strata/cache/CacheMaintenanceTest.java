package io.strata.cache;

import io.strata.layer.LayerIndex;
import io.strata.layer.LayerIndexBuilder;
import io.strata.model.Compression;
import io.strata.model.Digest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** info and prune: what they count and what they remove, by age, by size (least recently used first), damage. */
class CacheMaintenanceTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @TempDir
    Path root;

    /** Stores an entry of {@code entries} files under {@code key}, last used {@code daysAgo} days before NOW. */
    private Path entry(String key, int entries, int daysAgo) throws Exception {
        LayerIndexBuilder b = new LayerIndexBuilder();
        for (int i = 0; i < entries; i++) {
            b.add("f" + i, io.strata.layer.EntryKind.FILE, 0644, 0, 0, 1, 0, null, new byte[32], null);
        }
        byte[] raw = new byte[32];
        LayerIndex index = b.build(new LayerIndex.Totals(Digest.sha256(raw), Digest.sha256(raw), Compression.NONE, 1,
                1024, entries, b.count()));
        LayerCache cache = new LayerCache(root);
        cache.store(key, index, Optional.empty());
        Path file = root.resolve("layers").resolve(LayerCache.fileName(key));
        assertTrue(Files.exists(file), "stored: " + cache.writeProblem());
        Files.setLastModifiedTime(file, FileTime.from(NOW.minus(Duration.ofDays(daysAgo))));
        return file;
    }

    @Test
    void infoCountsEntriesAndBytes() throws Exception {
        assertEquals(new CacheMaintenance.Info(root, 0, 0, 0, false), CacheMaintenance.info(root));
        Path a = entry("a", 10, 0);
        Path b = entry("b", 20, 0);
        CacheMaintenance.Info info = CacheMaintenance.info(root);
        assertEquals(2, info.entries());
        assertEquals(Files.size(a) + Files.size(b), info.bytes());
        assertTrue(Files.exists(root.resolve("CACHEDIR.TAG")));
    }

    @Test
    void pruneRemovesOldDamagedAndStaleTemporaryFilesAndLeavesForeignFilesAlone() throws Exception {
        Path fresh = entry("fresh", 5, 1);
        Path old = entry("old", 5, 31);
        Path damaged = entry("damaged", 5, 0);
        byte[] bytes = Files.readAllBytes(damaged);
        bytes[bytes.length - 1] ^= 1;
        Files.write(damaged, bytes);
        Path misnamed = root.resolve("layers").resolve(LayerCache.fileName("other"));
        Files.copy(fresh, misnamed); // a whole entry under a name its key does not give
        Path staleTemp = Files.writeString(root.resolve("layers/.tmp-1.part"), "half");
        Files.setLastModifiedTime(staleTemp, FileTime.from(NOW.minus(Duration.ofHours(2))));
        Path liveTemp = Files.writeString(root.resolve("layers/.tmp-2.part"), "being written");
        Files.setLastModifiedTime(liveTemp, FileTime.from(NOW.minus(Duration.ofMinutes(1))));
        Path foreign = Files.writeString(root.resolve("layers/notes.txt"), "mine");

        CacheMaintenance.Pruned p = CacheMaintenance.prune(root, CacheMaintenance.Policy.defaults(), NOW);

        assertTrue(Files.exists(fresh));
        assertFalse(Files.exists(old), "unused for 31 days");
        assertFalse(Files.exists(damaged));
        assertFalse(Files.exists(misnamed));
        assertFalse(Files.exists(staleTemp));
        assertTrue(Files.exists(liveTemp), "a running process may still be writing it");
        assertTrue(Files.exists(foreign), "not the cache's file");
        assertEquals(3, p.removed());
        assertEquals(2, p.damaged());
        assertEquals(1, p.kept());
        assertEquals(Files.size(fresh), p.keptBytes());
    }

    @Test
    void pruneEvictsTheLeastRecentlyUsedPastTheSizeBound() throws Exception {
        Path newest = entry("newest", 50, 0);
        Path middle = entry("middle", 50, 1);
        Path oldest = entry("oldest", 50, 2);
        long each = Files.size(newest);
        var policy = new CacheMaintenance.Policy(false, 2 * each + each / 2, Duration.ofDays(30));
        CacheMaintenance.Pruned p = CacheMaintenance.prune(root, policy, NOW);
        assertTrue(Files.exists(newest));
        assertTrue(Files.exists(middle));
        assertFalse(Files.exists(oldest));
        assertEquals(1, p.removed());
        assertEquals(each, p.removedBytes());
        assertEquals(2, p.kept());
    }

    @Test
    void trimKeepsTheMostRecentlyUsedUnderTheBound() throws Exception {
        Path recent = entry("recent", 50, 0);
        Path older = entry("older", 50, 3);
        CacheMaintenance.trim(root, Files.size(recent));
        assertTrue(Files.exists(recent));
        assertFalse(Files.exists(older));
    }

    @Test
    void aHitMarksTheEntryAsRecentlyUsed() throws Exception {
        Path file = entry("k", 3, 10);
        assertTrue(new LayerCache(root).find("k").isPresent());
        assertTrue(Files.getLastModifiedTime(file).toInstant().isAfter(NOW.minus(Duration.ofDays(1))));
    }

    @Test
    void pruneAllEmptiesTheCache() throws Exception {
        entry("a", 5, 0);
        entry("b", 5, 0);
        CacheMaintenance.Pruned p = CacheMaintenance.prune(root, new CacheMaintenance.Policy(true, Long.MAX_VALUE,
                Duration.ofDays(30)), NOW);
        assertEquals(2, p.removed());
        assertEquals(0, CacheMaintenance.info(root).entries());
    }

    @Test
    void theFolderComesFromThePropertyThenTheEnvironmentThenXdgThenHome() {
        Map<String, String> env = Map.of("STRATA_CACHE_DIR", "/s", "XDG_CACHE_HOME", "/x");
        assertEquals(Optional.of(Path.of("/p")), CacheLocation.resolve("/p", env, "/h"));
        assertEquals(Optional.of(Path.of("/s")), CacheLocation.resolve(null, env, "/h"));
        assertEquals(Optional.of(Path.of("/x/strata")), CacheLocation.resolve("", Map.of("XDG_CACHE_HOME", "/x"), "/h"));
        assertEquals(Optional.of(Path.of("/h/.cache/strata")),
                CacheLocation.resolve(null, Map.of("XDG_CACHE_HOME", "relative"), "/h"), "a relative XDG_CACHE_HOME is ignored");
        assertEquals(Optional.empty(), CacheLocation.resolve(null, Map.of(), null));
    }
}
