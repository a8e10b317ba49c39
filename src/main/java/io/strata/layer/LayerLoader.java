package io.strata.layer;

import io.strata.archive.ImageArchive;
import io.strata.archive.LayerRef;
import io.strata.archive.StoredFile;
import io.strata.model.Digest;
import io.strata.model.Finding;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
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
import java.util.function.Consumer;

/**
 * Scans layers in parallel, each distinct layer once per run however many images (or archives) share it.
 * Layers are identified by their config diffId plus their stored blob (see {@link #key}), else by where their
 * blob is stored. With a {@link ScanCache}, a layer scanned by an earlier run is taken from the cache instead, but
 * only for the very bytes it was scanned from (see {@link #sameBytes}), and after its figures are checked against
 * what the archive claims. A scan whose diffId, blob digest or size differs from the claim is a finding and a
 * warning line, and is not kept.
 */
public final class LayerLoader implements AutoCloseable {
    private final LayerScanner.Options options;
    private final ScanCache cache;
    private final ExecutorService pool;
    /** This run's loads by {@link #originKey}: each stored blob of each archive once. */
    private final Map<String, CompletableFuture<LayerIndex>> memo = new ConcurrentHashMap<>();
    /** The first load of each {@link #key}: another archive's blob with the same claims reuses it if it hashes alike. */
    private final Map<String, CompletableFuture<LayerIndex>> byClaims = new ConcurrentHashMap<>();
    private final AtomicInteger scans = new AtomicInteger();
    private final AtomicInteger cacheHits = new AtomicInteger();
    private final AtomicInteger sameFileHits = new AtomicInteger();
    private final AtomicInteger hashedHits = new AtomicInteger();
    private final AtomicInteger sharedHits = new AtomicInteger();
    private final List<Finding> integrity = Collections.synchronizedList(new ArrayList<>());
    /** By {@link #originKey}: the stored file, unchanged throughout, whose bytes a load was made or checked from. */
    private final Map<String, String> boundSources = new ConcurrentHashMap<>();
    private final Consumer<String> warnings;
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
        this(options, threads, cache, keptBudgetBytes, w -> { });
    }

    /** {@code warnings} hears one line for each mismatch between a layer's claims and its bytes, as it is found. */
    public LayerLoader(LayerScanner.Options options, int threads, ScanCache cache, long keptBudgetBytes,
                       Consumer<String> warnings) {
        this.warnings = warnings;
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
            String k = originKey(archive, refs.get(i));
            now.add(k);
            Long before = kept.put(k, loaded.get(i).approximateHeapBytes());
            keptBytes += loaded.get(i).approximateHeapBytes() - (before == null ? 0 : before);
        }
        for (Iterator<Map.Entry<String, Long>> it = kept.entrySet().iterator();
             it.hasNext() && keptBytes > keptBudgetBytes; ) {
            Map.Entry<String, Long> e = it.next();
            if (now.contains(e.getKey())) continue;
            CompletableFuture<LayerIndex> gone = memo.remove(e.getKey());
            if (gone != null) byClaims.values().remove(gone);
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

    /** Where a layer's bytes are: this archive's blob. */
    private static String originKey(ImageArchive archive, LayerRef ref) {
        return key(archive, ref) + " in " + System.identityHashCode(archive) + ":" + ref.blobKey();
    }

    private CompletableFuture<LayerIndex> submit(ImageArchive archive, LayerRef ref) {
        return memo.computeIfAbsent(originKey(archive, ref), k -> {
            CompletableFuture<LayerIndex> loading = new CompletableFuture<>();
            CompletableFuture<LayerIndex> first = byClaims.putIfAbsent(key(archive, ref), loading);
            // the first load of these claims was submitted before this one, so it never waits behind it in the pool
            pool.execute(() -> {
                try {
                    loading.complete(load(archive, ref, first));
                } catch (Throwable t) {
                    loading.completeExceptionally(t);
                }
            });
            return loading;
        });
    }

    /**
     * Loads one layer: from another archive's blob loaded in this run with the same claims when this blob hashes
     * alike, else from the cache when bound to these bytes, else by scanning it.
     */
    private LayerIndex load(ImageArchive archive, LayerRef ref, CompletableFuture<LayerIndex> sameClaims) {
        if (sameClaims != null) {
            Optional<LayerIndex> other = Optional.empty();
            try {
                other = Optional.of(sameClaims.join());
            } catch (RuntimeException failed) {
                // that blob could not be read: this one is read on its own
            }
            if (other.isPresent() && hashesTo(archive, ref, other.get().totals())) {
                sharedHits.incrementAndGet();
                boundSources.remove(originKey(archive, ref));
                return other.get();
            }
        }
        // without a cache (--no-cache) no key is made: the code fingerprints behind it cost start-up time
        Optional<String> cacheKey = cache == ScanCache.NONE ? Optional.empty() : cacheKey(ref, options);
        Optional<String> source = cacheKey.isPresent() ? archive.identity(ref) : Optional.empty();
        Optional<ScanCache.Hit> hit = cacheKey.flatMap(cache::find)
                .filter(h -> matchesClaims(h.index().totals(), ref));
        if (hit.isPresent() && sameBytes(archive, ref, hit.get(), source)) {
            cacheHits.incrementAndGet();
            noteBound(archive, ref, source);
            return hit.get().index();
        }
        LayerIndex scanned = scan(archive, ref);
        List<Finding> mismatches = mismatches(scanned.totals(), ref);
        if (!mismatches.isEmpty()) {
            // a blob that disagrees with its claims is not kept: each run reads it and reports it again
            for (Finding f : mismatches) {
                integrity.add(f);
                warnings.accept(archive.label() + ": " + f.message());
            }
            return scanned;
        }
        // bound to the file only when it did not change while it was read
        if (cacheKey.isPresent()) {
            cache.store(cacheKey.get(), scanned, source.filter(s -> archive.identity(ref).equals(Optional.of(s))));
            noteBound(archive, ref, source);
        }
        return scanned;
    }

    /** Notes the file a load's bytes came from, when it is the same, unchanged, before and after the load. */
    private void noteBound(ImageArchive archive, LayerRef ref, Optional<String> before) {
        if (before.isPresent() && archive.identity(ref).equals(before)) boundSources.put(originKey(archive, ref), before.get());
        else boundSources.remove(originKey(archive, ref));
    }

    /**
     * The identity of the stored file (device, inode, size, times, the blob's place) that this run's load of the
     * layer was scanned from or checked against, when that file did not change meanwhile; empty when unknown (no
     * cache, a spooled archive, a blob of another archive reused after hashing, a changed file). What a value derived
     * from the loaded layer may be bound to, as the layer's own cache entry is.
     */
    public Optional<String> boundSource(ImageArchive archive, LayerRef ref) {
        return Optional.ofNullable(boundSources.get(originKey(archive, ref)));
    }

    /**
     * Whether a kept scan was made from the bytes stored now: the same file, unchanged, at the same place (no read
     * at all), or else a stored blob that hashes to the digest the scan recorded (a read of the stored, usually
     * compressed, bytes: a fraction of a scan). An archive that claims another one's diffIds with other bytes is
     * never served that archive's scan.
     */
    private boolean sameBytes(ImageArchive archive, LayerRef ref, ScanCache.Hit hit, Optional<String> source) {
        if (source.isPresent() && source.equals(hit.source())) {
            sameFileHits.incrementAndGet();
            return true;
        }
        boolean same = hashesTo(archive, ref, hit.index().totals());
        if (same) hashedHits.incrementAndGet();
        return same;
    }

    /** Whether this layer's stored blob has the size and the SHA-256 a scan recorded. */
    private static boolean hashesTo(ImageArchive archive, LayerRef ref, LayerIndex.Totals scanned) {
        Digest recorded = scanned.blobDigest();
        if (!"sha256".equals(recorded.algorithm())) return false;
        if (ref.stored().isEmpty() || ref.stored().get().size() != scanned.compressedBytes()) return false;
        try (InputStream in = archive.openLayer(ref)) {
            MessageDigest sha = HashingInputStream.newSha256();
            byte[] buf = new byte[1 << 20];
            long total = 0;
            int r;
            while ((r = in.read(buf)) > 0) {
                sha.update(buf, 0, r);
                total += r;
            }
            return total == scanned.compressedBytes() && recorded.equals(Digest.sha256(sha.digest()));
        } catch (IOException | RuntimeException unreadable) {
            return false; // a scan reads it again and reports what is wrong
        }
    }

    /**
     * What a scan found that the archive claims otherwise: the config's diffId, the manifest's blob digest (when
     * sha256, the algorithm the scan hashes in) and size. Errors, so an audit sees them whatever command ran.
     */
    static List<Finding> mismatches(LayerIndex.Totals totals, LayerRef ref) {
        List<Finding> out = new ArrayList<>();
        String where = "layer " + ref.index() + " (" + ref.blobKey() + ")";
        if (ref.configDiffId().isPresent() && !ref.configDiffId().get().equals(totals.diffId())) {
            out.add(Finding.error("diffid-mismatch", where + ": the config claims diffId " + ref.configDiffId().get()
                    + " but the layer's bytes give " + totals.diffId()).atLayer(ref.index()));
        }
        Optional<Digest> declared = ref.declaredDigest();
        if (declared.isPresent() && declared.get().algorithm().equals(totals.blobDigest().algorithm())
                && !declared.get().equals(totals.blobDigest())) {
            out.add(Finding.error("blob-digest-mismatch", where + ": the manifest claims digest " + declared.get()
                    + " but the stored bytes give " + totals.blobDigest()).atLayer(ref.index()));
        }
        if (ref.declaredSize().isPresent() && ref.declaredSize().get() != totals.compressedBytes()) {
            out.add(Finding.error("blob-size-mismatch", where + ": the manifest claims " + ref.declaredSize().get()
                    + " bytes but " + totals.compressedBytes() + " are stored").atLayer(ref.index()));
        }
        return out;
    }

    /** Every mismatch between a layer's claims and its bytes that this run's scans found, in the order found. */
    public List<Finding> integrityFindings() {
        return List.copyOf(integrity);
    }

    /** How many cache hits were served because the very file that filled the entry was read, unchanged. */
    public int sameFileHits() {
        return sameFileHits.get();
    }

    /** How many blobs of other archives this run reused a scan for, after hashing them alike. */
    public int sharedHits() {
        return sharedHits.get();
    }

    /** How many cache hits were served after hashing the stored blob. */
    public int hashedHits() {
        return hashedHits.get();
    }

    private LayerIndex scan(ImageArchive archive, LayerRef ref) {
        scans.incrementAndGet();
        try (InputStream in = archive.openLayer(ref)) {
            return LayerScanner.scan(in, options);
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
    public static Optional<String> cacheKey(LayerRef ref, LayerScanner.Options options) {
        if (ref.configDiffId().isEmpty() || ref.stored().isEmpty()) return Optional.empty();
        return ScannerFingerprint.value().map(code -> key(null, ref) + " limits=" + options.maxEntries() + "/"
                + options.maxPathBytes() + "/" + options.maxInflateRatio() + " scanner=" + code
                + " tap=" + options.tap().fingerprint());
    }

    /** True when a scan's figures are the ones the archive claims for the layer: its diffId, blob size and digest. */
    public static boolean matchesClaims(LayerIndex.Totals totals, LayerRef ref) {
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
