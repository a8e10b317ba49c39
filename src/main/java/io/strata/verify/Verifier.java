package io.strata.verify;

import io.strata.model.FindingCode;
import io.strata.archive.OciLayout;
import io.strata.archive.ArchiveException;
import io.strata.archive.ImageArchive;
import io.strata.archive.ImageEntry;
import io.strata.archive.LayerRef;
import io.strata.layer.LayerScanner;
import io.strata.model.Compression;
import io.strata.model.Descriptor;
import io.strata.model.Digest;
import io.strata.model.Finding;
import io.strata.model.MediaType;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs every check of {@code strata verify} over one opened archive: the archive's own index files (OCI layout
 * walk, docker manifest.json and repositories), then every stored layer blob read once (in parallel) for its
 * digests and, for images, scanned for its diffId and tar structure, then each image judged against the results.
 */
public final class Verifier {
    /** Codes the archive reader also reports; verify's own checks of the same thing replace them. */
    private static final Set<String> SUPERSEDED = Set.of(FindingCode.MISSING_BLOB.wire(),
            FindingCode.DIGEST_MISMATCH.wire(), FindingCode.NON_DISTRIBUTABLE_BLOB.wire(), FindingCode.INDEX_CYCLE.wire(),
            FindingCode.INDEX_TOO_DEEP.wire());

    /** Scanner limits, parallelism, and the bounds for JSON documents and index nesting. */
    public record Options(LayerScanner.Options scan, int threads, long maxJsonBytes, int maxIndexDepth) {
    }

    private Verifier() {
    }

    public static VerifyReport verify(ImageArchive archive, List<ImageEntry> images, VerifyReport.Archive summary,
                                      Options options) {
        ArchiveFiles files = ArchiveFiles.of(archive);
        List<Finding> archiveFindings = new ArrayList<>();
        for (Finding f : archive.findings()) {
            if (!SUPERSEDED.contains(f.code())) archiveFindings.add(f);
        }
        Set<String> referenced = new HashSet<>();
        if (archive.flavour().isDockerArchive()) {
            DockerArchiveChecks.Result docker = DockerArchiveChecks.check(files, options.maxJsonBytes());
            archiveFindings.addAll(docker.findings());
            referenced.addAll(docker.referenced());
        }
        List<String> names = files.names();
        Optional<String> prefix = OciLayout.findPrefix(names);
        Map<String, OciLayoutChecks.LayerBlob> walkedLayers = Map.of();
        Map<String, Digest> orphans = Map.of();
        if (prefix.isPresent()) {
            OciLayoutChecks.Result oci = OciLayoutChecks.check(files, prefix.get(), options.maxJsonBytes(),
                    options.maxIndexDepth());
            archiveFindings.addAll(oci.findings());
            referenced.addAll(oci.reached());
            walkedLayers = oci.layers();
            orphans = orphans(names, prefix.get(), referenced);
            orphans.keySet().forEach(n -> archiveFindings.add(Finding.info(FindingCode.ORPHAN_BLOB,
                    "not referenced by any index, manifest or manifest.json").atPath(n)));
        }
        Map<String, BlobJob> jobs = jobs(images);
        Map<String, OciLayoutChecks.LayerBlob> uncovered = new LinkedHashMap<>();
        for (OciLayoutChecks.LayerBlob b : walkedLayers.values()) {
            if (jobs.containsKey(b.name())) continue;
            uncovered.put(b.name(), b);
            if (files.exists(b.name())) {
                jobs.put(b.name(), new BlobJob(b.name(), Set.of(b.descriptor().digest().algorithm()), false));
            }
        }
        // an unreferenced blob is still named by its digest: its content must match the name
        orphans.forEach((n, d) -> jobs.putIfAbsent(n, new BlobJob(n, Set.of(d.algorithm()), false)));
        Map<String, BlobResult> results = readAll(archive, jobs, options);
        orphans.forEach((n, d) -> {
            Optional<Digest> actual = results.get(n).digest(d.algorithm());
            if (!actual.equals(Optional.of(d))) {
                archiveFindings.add(Finding.error(FindingCode.BLOB_DIGEST_MISMATCH, "unreferenced blob named " + d
                        + " has content " + actual.map(Digest::toString).orElse("that cannot be read")).atPath(n));
            }
        });
        archiveFindings.addAll(uncoveredLayerBlobs(uncovered.values(), results));
        List<ImageVerdict> verdicts = new ArrayList<>();
        for (ImageEntry image : images) {
            ImageVerdict v = ImageChecks.check(image, results);
            List<Finding> own = new ArrayList<>(v.findings());
            for (Finding f : image.findings()) {
                if (!SUPERSEDED.contains(f.code())) own.add(0, f);
            }
            verdicts.add(new ImageVerdict(v.name(), v.refs(), v.kind(), v.platform(), v.manifestDigest(),
                    v.configDigest(), v.layers(), own));
        }
        return new VerifyReport(summary, verdicts, archiveFindings);
    }

    /** One stored blob to read: the digest algorithms its descriptors use, and whether an image uses it as a layer. */
    private record BlobJob(String name, Set<String> algorithms, boolean scan) {
    }

    private static Map<String, BlobJob> jobs(List<ImageEntry> images) {
        Map<String, BlobJob> jobs = new LinkedHashMap<>();
        for (ImageEntry image : images) {
            for (LayerRef ref : image.layers()) {
                if (ref.stored().isEmpty()) continue;
                String name = ref.stored().get().name();
                BlobJob old = jobs.get(name);
                Set<String> algorithms = new HashSet<>(old == null ? Set.of() : old.algorithms());
                ref.declaredDigest().ifPresent(d -> algorithms.add(d.algorithm()));
                boolean scan = (old != null && old.scan()) || image.kind() == ImageEntry.Kind.IMAGE;
                jobs.put(name, new BlobJob(name, algorithms, scan));
            }
        }
        return jobs;
    }

    private static Map<String, BlobResult> readAll(ImageArchive archive, Map<String, BlobJob> jobs, Options options) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(options.threads(), jobs.size() + 1)),
                r -> {
                    Thread t = new Thread(r, "strata-verify");
                    t.setDaemon(true);
                    return t;
                });
        try {
            Map<String, Future<BlobResult>> futures = new LinkedHashMap<>();
            for (BlobJob job : jobs.values()) {
                futures.put(job.name(), pool.submit(() -> read(archive, job, options)));
            }
            Map<String, BlobResult> out = new HashMap<>();
            for (Map.Entry<String, Future<BlobResult>> e : futures.entrySet()) {
                out.put(e.getKey(), await(e.getValue()));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static BlobResult read(ImageArchive archive, BlobJob job, Options options) throws IOException {
        Optional<InputStream> in;
        try {
            in = archive.openFile(job.name());
        } catch (ArchiveException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (in.isEmpty()) throw new IOException(job.name() + " is not in the archive");
        try (InputStream s = in.get()) {
            return BlobReader.read(s, job.algorithms(), job.scan(), options.scan());
        }
    }

    private static BlobResult await(Future<BlobResult> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof Error err) throw err;
            return new BlobResult(0, Map.of(), Compression.UNKNOWN, Optional.empty(),
                    Optional.of(c.getMessage() == null ? c.toString() : c.getMessage()));
        }
    }

    /** Layer blobs the OCI walk reached that no image entry covers (artifacts' blobs): presence, digest and size. */
    private static List<Finding> uncoveredLayerBlobs(Iterable<OciLayoutChecks.LayerBlob> blobs,
                                                     Map<String, BlobResult> results) {
        List<Finding> out = new ArrayList<>();
        for (OciLayoutChecks.LayerBlob b : blobs) {
            Descriptor d = b.descriptor();
            BlobResult r = results.get(b.name());
            if (r == null) {
                boolean foreign = MediaType.isNonDistributable(d.mediaType()) || !d.urls().isEmpty();
                out.add(new Finding(foreign ? Finding.Severity.WARNING : Finding.Severity.ERROR,
                        foreign ? FindingCode.NON_DISTRIBUTABLE_BLOB : FindingCode.MISSING_BLOB, Optional.empty(), Optional.of(b.name()),
                        b.where() + " names " + d.digest() + ", which is not in the archive"));
                continue;
            }
            Optional<Digest> actual = r.digest(d.digest().algorithm());
            if (!actual.equals(Optional.of(d.digest()))) {
                out.add(Finding.error(FindingCode.BLOB_DIGEST_MISMATCH, b.where() + ": the manifest says " + d.digest()
                        + " but the stored blob has " + actual.map(Digest::toString).orElse("no digest"))
                        .atPath(b.name()));
            }
            if (r.size() != d.size()) {
                out.add(Finding.error(FindingCode.BLOB_SIZE_MISMATCH, b.where() + ": the manifest says " + d.size()
                        + " bytes but the stored blob has " + r.size()).atPath(b.name()));
            }
        }
        return out;
    }

    /**
     * Blobs in blobs/ that nothing refers to (garbage, or leftovers such as Docker 25's legacy layer JSONs), with
     * the digest their name claims; a name that is not a digest is left out.
     */
    private static Map<String, Digest> orphans(List<String> names, String prefix, Set<String> referenced) {
        Map<String, Digest> out = new LinkedHashMap<>();
        String blobs = prefix + "blobs/";
        for (String n : names) {
            if (!n.startsWith(blobs) || referenced.contains(n)) continue;
            String[] parts = n.substring(blobs.length()).split("/");
            if (parts.length != 2) continue;
            Digest.tryParse(parts[0] + ":" + parts[1]).ifPresent(d -> out.put(n, d));
        }
        return out;
    }
}
