package io.strata.cache;

import io.strata.archive.ImageArchive;
import io.strata.archive.ImageArchives;
import io.strata.archive.ImageEntry;
import io.strata.archive.Limits;
import io.strata.archive.LayerRef;
import io.strata.layer.LayerIndex;
import io.strata.layer.LayerLoader;
import io.strata.layer.LayerScanner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.strata.layer.LayerIndexAssertions.assertSameIndex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The layer cache on disk, through the loader: warm runs read no blob, damaged entries are rebuilt. */
class LayerCacheTest {
    /** A plain outer tar (blobs at known offsets) whose layers are gzip blobs with declared digests. */
    private static final Path OCI = Path.of("testdata/sample/sample.oci-layout-gzip.tar");
    /** A docker-archive: no declared blob digests, so the key is diffId + stored size. */
    private static final Path DOCKER = Path.of("testdata/sample/sample.docker-save.tar");

    @TempDir
    Path dir;

    private record Run(List<LayerIndex> layers, int scans, int hits) {
    }

    private Run load(Path archive, LayerCache cache) throws Exception {
        try (ImageArchive a = ImageArchives.open(archive.toString(), Limits.DEFAULT);
             LayerLoader loader = new LayerLoader(LayerScanner.Options.DEFAULT, 2, cache)) {
            List<LayerIndex> layers = loader.load(a, image(a).layers());
            return new Run(layers, loader.scans(), loader.cacheHits());
        }
    }

    private static ImageEntry image(ImageArchive a) {
        return a.images().stream().filter(e -> e.kind() == ImageEntry.Kind.IMAGE).findFirst().orElseThrow();
    }

    private static void assertSameLayers(List<LayerIndex> expected, List<LayerIndex> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) assertSameIndex(expected.get(i), actual.get(i), "layer " + i);
    }

    private List<Path> entries() throws IOException {
        Path folder = dir.resolve("layers");
        if (!Files.isDirectory(folder)) return List.of();
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted().toList();
        }
    }

    @Test
    void aWarmRunScansNoLayerAndGivesTheSameIndexes() throws Exception {
        for (Path archive : List.of(OCI, DOCKER)) {
            Run cold = load(archive, new LayerCache(dir));
            assertTrue(cold.scans() > 0);
            assertEquals(0, cold.hits());
            Run warm = load(archive, new LayerCache(dir));
            assertEquals(0, warm.scans(), archive + ": a warm run reads no layer blob");
            assertEquals(cold.scans(), warm.hits());
            assertSameLayers(cold.layers(), warm.layers());
        }
        Run uncached = load(OCI, new LayerCache(dir.resolve("elsewhere")));
        assertEquals(0, uncached.hits(), "another folder starts cold");
    }

    /**
     * A hit is bound to the bytes it was scanned from: the archive whose blobs were zeroed in place claims the same
     * diffIds and digests, and its layers are read (and refused: zeros are no tar) instead of served from the cache.
     */
    @Test
    void aHitIsNeverServedForOtherBytes() throws Exception {
        load(OCI, new LayerCache(dir));
        Path copy = zeroedLayerBlobs(OCI);
        try (ImageArchive a = ImageArchives.open(copy.toString(), Limits.DEFAULT);
             LayerLoader loader = new LayerLoader(LayerScanner.Options.DEFAULT, 2, new LayerCache(dir))) {
            for (LayerRef ref : image(a).layers()) {
                try {
                    loader.load(a, ref);
                } catch (io.strata.layer.LayerException expected) {
                    // zeros are no tar
                }
            }
            assertEquals(0, loader.cacheHits(), "no entry served for bytes it was not scanned from");
        }
    }

    /** The same file unchanged: served without reading; a copy elsewhere: served after hashing its stored blobs. */
    @Test
    void aHitIsServedForTheSameFileOrTheSameBytes() throws Exception {
        for (Path archive : List.of(OCI, DOCKER)) {
            Path original = dir.resolve("original-" + archive.getFileName());
            Files.copy(archive, original);
            Run cold = load(original, new LayerCache(dir));
            try (ImageArchive a = ImageArchives.open(original.toString(), Limits.DEFAULT);
                 LayerLoader loader = new LayerLoader(LayerScanner.Options.DEFAULT, 2, new LayerCache(dir))) {
                assertSameLayers(cold.layers(), loader.load(a, image(a).layers()));
                assertEquals(cold.scans(), loader.sameFileHits(), archive + ": the file that filled the entries");
                assertEquals(0, loader.hashedHits());
            }
            Path copy = dir.resolve("copy-" + archive.getFileName());
            Files.copy(original, copy);
            try (ImageArchive a = ImageArchives.open(copy.toString(), Limits.DEFAULT);
                 LayerLoader loader = new LayerLoader(LayerScanner.Options.DEFAULT, 2, new LayerCache(dir))) {
                assertSameLayers(cold.layers(), loader.load(a, image(a).layers()));
                assertEquals(0, loader.scans(), archive + ": a copy's blobs hash alike");
                assertEquals(cold.scans(), loader.hashedHits());
            }
        }
    }

    @Test
    void aBlobThatDisagreesWithItsClaimsIsNotCached() throws Exception {
        Path copy = zeroedLayerBlobs(OCI);
        try (ImageArchive a = ImageArchives.open(copy.toString(), Limits.DEFAULT);
             LayerLoader loader = new LayerLoader(LayerScanner.Options.DEFAULT, 2, new LayerCache(dir))) {
            for (LayerRef ref : image(a).layers()) {
                try {
                    loader.load(a, ref);
                } catch (io.strata.layer.LayerException expected) {
                    // zeros are no tar at all for some scanners; either way nothing may be kept
                }
            }
        }
        assertEquals(List.of(), entries(), "zeroed blobs have other diffIds than the config claims");
    }

    @Test
    void aFlippedByteIsRefusedDeletedAndRebuilt() throws Exception {
        assertDamageIsRepaired(bytes -> bytes[bytes.length / 2] ^= 0x40);
    }

    @Test
    void aTruncatedEntryIsRefusedDeletedAndRebuilt() throws Exception {
        assertDamageIsRepaired(null);
    }

    @Test
    void anEntryOfAnotherFormatVersionIsRefusedDeletedAndRebuilt() throws Exception {
        assertDamageIsRepaired(bytes -> {
            ByteBuffer.wrap(bytes).putInt(8, 999); // after the 8-byte magic
            resum(bytes);
        });
    }

    /** Damages every entry (null: truncates them), then checks the next run refuses, rescans and rewrites them. */
    private void assertDamageIsRepaired(Consumer<byte[]> damage) throws Exception {
        Run cold = load(OCI, new LayerCache(dir));
        List<Path> files = entries();
        assertEquals(cold.scans(), files.size());
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            if (damage == null) bytes = Arrays.copyOf(bytes, bytes.length - 1);
            else damage.accept(bytes);
            Files.write(f, bytes);
        }
        LayerCache cache = new LayerCache(dir);
        Run repaired = load(OCI, cache);
        assertEquals(cold.scans(), repaired.scans(), "every damaged entry is scanned again");
        assertEquals(cold.scans(), cache.rejected());
        assertSameLayers(cold.layers(), repaired.layers());
        Run warm = load(OCI, new LayerCache(dir));
        assertEquals(0, warm.scans(), "the rewritten entries are used");
        assertSameLayers(cold.layers(), warm.layers());
    }

    @Test
    void anEntryStoredUnderAnotherKeyIsRefused() throws Exception {
        load(OCI, new LayerCache(dir));
        List<Path> files = entries();
        assertTrue(files.size() >= 2);
        // entry 0's bytes under entry 1's name: a valid entry, for the wrong key
        Files.copy(files.get(0), files.get(1), StandardCopyOption.REPLACE_EXISTING);
        LayerCache cache = new LayerCache(dir);
        Run run = load(OCI, cache);
        assertEquals(1, run.scans());
        assertEquals(1, cache.rejected());
    }

    @Test
    void anOversizedEntryIsRefusedWithoutBeingRead() throws Exception {
        load(OCI, new LayerCache(dir));
        Path f = entries().get(0);
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(LayerCache.MAX_ENTRY_BYTES + 1); // sparse: costs no disk
        }
        LayerCache cache = new LayerCache(dir);
        assertEquals(1, load(OCI, cache).scans());
        assertEquals(1, cache.rejected());
        assertTrue(Files.size(f) < 1 << 20, "rewritten at its real size");
    }

    @Test
    void aCacheThatCannotBeWrittenIsSimplyNotUsed() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("file"), "x"); // works even for root, unlike chmod
        LayerCache cache = new LayerCache(notAFolder);
        Run cold = load(OCI, new LayerCache(dir.resolve("reference")));
        Run run = load(OCI, cache);
        assertEquals(cold.scans(), run.scans());
        assertSameLayers(cold.layers(), run.layers());
        assertEquals(0, cache.written());
        assertTrue(cache.writeProblem().isPresent());
        assertEquals(Optional.empty(), cache.find("anything"));
    }

    /** Several "processes" (separate cache objects) write and read the same keys at once; nobody sees half an entry. */
    @Test
    void concurrentWritersAndReadersNeverSeeAPartialEntry() throws Exception {
        Run reference = load(OCI, new LayerCache(dir.resolve("reference")));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Run>> runs = new ArrayList<>();
            for (int i = 0; i < 16; i++) runs.add(pool.submit(() -> load(OCI, new LayerCache(dir))));
            for (Future<Run> f : runs) assertSameLayers(reference.layers(), f.get().layers());
        } finally {
            pool.shutdownNow();
        }
        List<Path> files = entries();
        assertEquals(reference.scans(), files.size(), "one entry per layer, no temporary file left: " + files);
        LayerCache check = new LayerCache(dir);
        assertEquals(0, load(OCI, check).scans());
        assertEquals(0, check.rejected());
    }

    @Test
    void otherLimitsAreAnotherKey() throws Exception {
        load(OCI, new LayerCache(dir));
        try (ImageArchive a = ImageArchives.open(OCI.toString(), Limits.DEFAULT);
             LayerLoader loader = new LayerLoader(new LayerScanner.Options(10_000_000, 100, 1000), 2,
                     new LayerCache(dir))) {
            loader.load(a, image(a).layers());
            assertEquals(0, loader.cacheHits(), "a scan under other limits may give other findings");
        }
    }

    /** A copy of the archive with every layer blob's bytes set to zero in place. */
    private Path zeroedLayerBlobs(Path archive) throws Exception {
        Path copy = dir.resolve("zeroed-" + archive.getFileName());
        Files.copy(archive, copy);
        try (ImageArchive a = ImageArchives.open(archive.toString(), Limits.DEFAULT);
             RandomAccessFile raf = new RandomAccessFile(copy.toFile(), "rw")) {
            for (LayerRef ref : image(a).layers()) {
                var stored = ref.stored().orElseThrow();
                raf.seek(stored.offset());
                raf.write(new byte[Math.toIntExact(stored.size())]);
            }
        }
        return copy;
    }

    static void resum(byte[] entry) {
        try {
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(entry, 0, entry.length - 4);
            java.nio.ByteBuffer.wrap(entry).putInt(entry.length - 4, (int) crc.getValue());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
