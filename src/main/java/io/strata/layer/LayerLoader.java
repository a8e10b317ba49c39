package io.strata.layer;

import io.strata.archive.ImageArchive;
import io.strata.archive.LayerRef;
import io.strata.archive.StoredFile;
import io.strata.model.Digest;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scans layers in parallel, each distinct layer once per run however many images (or archives) share it.
 * Layers are identified by their config diffId plus their stored blob (see {@link #key}), else by where their
 * blob is stored. With a {@link ScanCache}, a layer scanned by an earlier run is taken from the cache instead,
 * after its figures are checked against what the archive claims.
 */
public final class LayerLoader implements AutoCloseable {
    private final LayerScanner.Options options;
    private final ScanCache cache;
    private final ExecutorService pool;
    private final Map<String, CompletableFuture<LayerIndex>> memo = new ConcurrentHashMap<>();
    private final AtomicInteger scans = new AtomicInteger();
    private final AtomicInteger cacheHits = new AtomicInteger();
    /** Loaded layers kept for later images, least recently used first, with their heap size. */
    private final LinkedHashMap<String, Long> kept = new LinkedHashMap<>(16, 0.75f, true);
    private final long keptBudgetBytes;
    private long keptBytes;

    /**
     * Layer indexes kept for later images of a run, at most: a folder of hundreds of images does not hold every
     * layer it has seen. One that is let go and needed again comes from the layer cache, or is scanned again.
     */
    public static final long DEFAULT_KEPT_BYTES = 256L << 20;

    public LayerLoader(LayerScanner.Options options, int threads) {
        this(options, threads, ScanCache.NONE);
    }

    public LayerLoader(LayerScanner.Options options, int threads, ScanCache cache) {
        this(options, threads, cache, DEFAULT_KEPT_BYTES);
    }

    public LayerLoader(LayerScanner.Options options, int threads, ScanCache cache, long keptBudgetBytes) {
        this.options = options;
        this.cache = cache;
        this.keptBudgetBytes = keptBudgetBytes;
        this.pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "strata-layer-scan");
            t.setDaemon(true);
            return t;
        });
    }

    public LayerLoader() {
        this(LayerScanner.Options.DEFAULT, Runtime.getRuntime().availableProcessors());
    }

    /** How many layer blobs were actually scanned (a shared layer counts once). */
    public int scans() {
        return scans.get();
    }

    /** How many layers were taken from the cache instead of their blobs. */
    public int cacheHits() {
        return cacheHits.get();
    }

    /** How many distinct layers this run loaded, each once: scanned from their blobs or taken from the cache. */
    public int loads() {
        return scans.get() + cacheHits.get();
    }

    /**
     * Two references share a scan only when they claim the same diffId and the same stored blob: the same
     * declared blob digest, or (docker-archive, whose manifest declares none) the same stored size. So a gzip
     * blob and a plain tar of the same diffId are each read, and their compression and sizes stay their own.
     */
    static String key(ImageArchive archive, LayerRef ref) {
        if (ref.configDiffId().isPresent()) {
            String blob = ref.declaredDigest().map(Object::toString)
                    .orElseGet(() -> ref.stored().map(f -> "size:" + f.size()).orElse("missing"));
            return "diff:" + ref.configDiffId().get() + "@" + blob;
        }
        return "blob:" + System.identityHashCode(archive) + ":" + ref.blobKey();
    }

    /**
     * Scans (or reuses) every layer given, in parallel; results keep the order given. The largest blobs start
     * first, so the run does not end with one big layer on one core while the other has nothing left to do.
     */
    public List<LayerIndex> load(ImageArchive archive, List<LayerRef> layers) throws LayerException {
        List<Integer> largestFirst = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) largestFirst.add(i);
        largestFirst.sort(Comparator.comparingLong((Integer i) -> storedSize(layers.get(i))).reversed());
        List<Future<LayerIndex>> futures = new ArrayList<>(Collections.nCopies(layers.size(), null));
        for (int i : largestFirst) futures.set(i, submit(archive, layers.get(i)));
        List<LayerIndex> out = new ArrayList<>();
        for (Future<LayerIndex> f : futures) out.add(await(f));
        keep(archive, layers, out);
        return out;
    }

    /**
     * Marks these layers as the most recently used and lets go of the least recently used others while the kept
     * indexes exceed the budget. The caller holds what it was just given, so nothing it uses is freed.
     */
    private synchronized void keep(ImageArchive archive, List<LayerRef> refs, List<LayerIndex> loaded) {
        Set<String> now = new HashSet<>();
        for (int i = 0; i < refs.size(); i++) {
            String k = key(archive, refs.get(i));
            now.add(k);
            Long before = kept.put(k, loaded.get(i).approximateHeapBytes());
            keptBytes += loaded.get(i).approximateHeapBytes() - (before == null ? 0 : before);
        }
        for (Iterator<Map.Entry<String, Long>> it = kept.entrySet().iterator();
             it.hasNext() && keptBytes > keptBudgetBytes; ) {
            Map.Entry<String, Long> e = it.next();
            if (now.contains(e.getKey())) continue;
            memo.remove(e.getKey());
            keptBytes -= e.getValue();
            it.remove();
        }
    }

    private static long storedSize(LayerRef ref) {
        return ref.stored().map(StoredFile::size).orElse(0L);
    }

    public LayerIndex load(ImageArchive archive, LayerRef layer) throws LayerException {
        return load(archive, List.of(layer)).get(0);
    }

    private CompletableFuture<LayerIndex> submit(ImageArchive archive, LayerRef ref) {
        return memo.computeIfAbsent(key(archive, ref), k -> CompletableFuture.supplyAsync(() -> {
            Optional<String> cacheKey = cacheKey(ref, options);
            Optional<LayerIndex> hit = cacheKey.flatMap(cache::find).filter(i -> matchesClaims(i.totals(), ref));
            if (hit.isPresent()) {
                cacheHits.incrementAndGet();
                return hit.get();
            }
            LayerIndex scanned = scan(archive, ref);
            // a blob that disagrees with its claims is not kept: each run reads it and reports it again
            if (cacheKey.isPresent() && matchesClaims(scanned.totals(), ref)) cache.store(cacheKey.get(), scanned);
            return scanned;
        }, pool));
    }

    private LayerIndex scan(ImageArchive archive, LayerRef ref) {
        scans.incrementAndGet();
        try (InputStream in = archive.openLayer(ref)) {
            return LayerScanner.scan(in, options, ref.declaredDigest());
        } catch (LayerException e) {
            throw new ScanFailure(new LayerException(archive.label() + ": layer " + ref.index() + " ("
                    + ref.blobKey() + "): " + e.getMessage(), e));
        } catch (IOException e) {
            throw new ScanFailure(new LayerException(archive.label() + ": layer " + ref.index() + " ("
                    + ref.blobKey() + "): " + e.getMessage(), e));
        }
    }

    /**
     * The key a scan is kept under between runs: the in-run key (claimed diffId and stored blob), the limits the
     * scan ran under (they decide findings and failures) and the scanner's code, so a changed scanner never
     * reuses an older scanner's results; and what the content tap keeps (its readers' code and limits). Empty for a layer without a config diffId or a stored blob.
     */
    static Optional<String> cacheKey(LayerRef ref, LayerScanner.Options options) {
        if (ref.configDiffId().isEmpty() || ref.stored().isEmpty()) return Optional.empty();
        return ScannerFingerprint.value().map(code -> key(null, ref) + " limits=" + options.maxEntries() + "/"
                + options.maxPathBytes() + "/" + options.maxInflateRatio() + " scanner=" + code
                + " tap=" + options.tap().fingerprint());
    }

    /** True when a scan's figures are the ones the archive claims for the layer: its diffId, blob size and digest. */
    static boolean matchesClaims(LayerIndex.Totals totals, LayerRef ref) {
        if (ref.configDiffId().isEmpty() || !ref.configDiffId().get().equals(totals.diffId())) return false;
        if (ref.stored().isEmpty() || ref.stored().get().size() != totals.compressedBytes()) return false;
        Optional<Digest> declared = ref.declaredDigest();
        // a digest in another algorithm than the scan's (sha512 declared, sha256 hashed) is in the key but not comparable
        return declared.isEmpty() || !declared.get().algorithm().equals(totals.blobDigest().algorithm())
                || declared.get().equals(totals.blobDigest());
    }

    private static LayerIndex await(Future<LayerIndex> f) throws LayerException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LayerException("interrupted");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof ScanFailure sf) throw sf.failure;
            // anything else is a bug, not bad input: let it reach the internal-error exit code
            if (c instanceof RuntimeException r) throw r;
            if (c instanceof Error err) throw err;
            throw new LayerException("layer scan failed: " + c, c);
        }
    }

    /** Results keyed by layer position, for callers that want a map. */
    public Map<Integer, LayerIndex> loadByIndex(ImageArchive archive, List<LayerRef> layers) throws LayerException {
        List<LayerIndex> list = load(archive, layers);
        Map<Integer, LayerIndex> out = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) out.put(layers.get(i).index(), list.get(i));
        return out;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    private static final class ScanFailure extends RuntimeException {
        final LayerException failure;

        ScanFailure(LayerException failure) {
            super(failure.getMessage(), null, false, false);
            this.failure = failure;
        }
    }
}
