package io.strata.verify;

import io.strata.model.FindingCode;
import io.strata.archive.ImageEntry;
import io.strata.archive.LayerRef;
import io.strata.layer.LayerIndex;
import io.strata.model.Compression;
import io.strata.model.Digest;
import io.strata.model.Finding;
import io.strata.model.HistoryEntry;
import io.strata.model.MediaType;
import io.strata.tree.LayerStack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pure checks of one image against what its blobs turned out to be: each layer's digest and size against its
 * descriptor, its uncompressed digest against the config's rootfs.diff_ids, counts of diff_ids and history
 * steps against the layers, the compression a media type claims, and the spec lints of the layer tars (from the
 * scanner) and of stacking them (from the overlay merge).
 */
final class ImageChecks {

    /** Who claimed a layer's blob digest, which decides how serious a mismatch is. */
    enum DeclaredBy {
        /** an OCI or Docker manifest descriptor: content-addressed, a mismatch is corruption */
        DESCRIPTOR,
        /** docker's manifest.json LayerSources: may describe the remote (compressed) blob, not the stored tar */
        LAYER_SOURCES,
        /** only the stored file's name looks like a digest (podman, kaniko); nothing in the specs binds it */
        FILE_NAME,
        NONE
    }

    private final ImageEntry image;
    private final Map<String, BlobResult> blobs;
    private final List<Finding> findings = new ArrayList<>();

    private ImageChecks(ImageEntry image, Map<String, BlobResult> blobs) {
        this.image = image;
        this.blobs = blobs;
    }

    /** {@code blobs} maps a stored layer file's name to what reading it showed. */
    static ImageVerdict check(ImageEntry image, Map<String, BlobResult> blobs) {
        return new ImageChecks(image, blobs).run();
    }

    static DeclaredBy declaredBy(ImageEntry image, LayerRef ref) {
        if (ref.declaredDigest().isEmpty()) return DeclaredBy.NONE;
        if (image.manifestDigest().isPresent()) return DeclaredBy.DESCRIPTOR;
        return ref.declaredSize().isPresent() ? DeclaredBy.LAYER_SOURCES : DeclaredBy.FILE_NAME;
    }

    private ImageVerdict run() {
        boolean isImage = image.kind() == ImageEntry.Kind.IMAGE;
        List<Digest> diffIds = image.config().diffIds();
        if (isImage && diffIds.size() != image.layers().size()) {
            findings.add(Finding.error(FindingCode.DIFFID_COUNT_MISMATCH, "the config lists " + diffIds.size()
                    + " rootfs.diff_ids but the manifest has " + image.layers().size() + " layers"));
        }
        if (isImage) checkHistory();
        List<Digest> chainIds = ChainIds.of(diffIds);
        List<LayerVerdict> layers = new ArrayList<>();
        List<LayerIndex> scanned = new ArrayList<>();
        for (LayerRef ref : image.layers()) {
            Optional<Digest> chainId = ref.index() < chainIds.size() ? Optional.of(chainIds.get(ref.index()))
                    : Optional.empty();
            LayerVerdict v = checkLayer(ref, chainId, isImage);
            layers.add(v);
            BlobResult r = ref.stored().map(s -> blobs.get(s.name())).orElse(null);
            if (r != null && r.index().isPresent()) scanned.add(r.index().get());
        }
        if (isImage && scanned.size() == image.layers().size()) {
            // stacking lints: a path written twice in one layer, hardlinks to nothing, ... of the layers verify read
            // itself (never a scan from the cache or another run)
            findings.addAll(LayerStack.of(scanned).merged().findings());
        }
        return new ImageVerdict(image.displayName(), image.refs(), image.kind().name().toLowerCase(java.util.Locale.ROOT),
                image.platform().toString(), image.manifestDigest(), image.configDigest(), layers, findings);
    }

    private void checkHistory() {
        List<HistoryEntry> history = image.config().history();
        if (history.isEmpty()) return;
        long withLayer = history.stream().filter(h -> !h.emptyLayer()).count();
        if (withLayer != image.layers().size()) {
            findings.add(Finding.warning(FindingCode.HISTORY_COUNT_MISMATCH, "the config's history has " + withLayer
                    + " steps that made a layer (of " + history.size() + ") but the image has "
                    + image.layers().size() + " layers"));
        }
    }

    private LayerVerdict checkLayer(LayerRef ref, Optional<Digest> chainId, boolean isImage) {
        int l = ref.index();
        boolean nonDistributable = MediaType.isNonDistributable(ref.mediaType());
        String blob = ref.blobKey();
        if (ref.stored().isEmpty()) {
            String what = nonDistributable ? "non-distributable layer " : "layer ";
            findings.add(new Finding(nonDistributable ? Finding.Severity.WARNING : Finding.Severity.ERROR,
                    nonDistributable ? FindingCode.NON_DISTRIBUTABLE_BLOB : FindingCode.MISSING_BLOB, Optional.of(l), Optional.of(blob),
                    what + blob + " is not in the archive"));
            return verdict(ref, chainId, nonDistributable, null, LayerVerdict.Status.MISSING);
        }
        if (nonDistributable) {
            findings.add(Finding.info(FindingCode.NON_DISTRIBUTABLE_BLOB, "non-distributable layer " + blob
                    + " is present in the archive").atLayer(l).atPath(blob));
        }
        BlobResult r = blobs.get(ref.stored().get().name());
        if (r == null) return verdict(ref, chainId, nonDistributable, null, LayerVerdict.Status.UNREADABLE);
        int errorsBefore = errorCount();
        checkDeclared(ref, r);
        if (r.failure().isPresent()) {
            findings.add(Finding.error(FindingCode.LAYER_UNREADABLE, r.failure().get())
                    .atLayer(l).atPath(blob));
            return verdict(ref, chainId, nonDistributable, r, LayerVerdict.Status.UNREADABLE);
        }
        if (isImage && r.index().isPresent()) {
            LayerIndex idx = r.index().get();
            Digest diffId = idx.totals().diffId();
            ref.configDiffId().filter(expected -> !expected.equals(diffId)).ifPresent(expected -> findings.add(
                    Finding.error(FindingCode.DIFFID_MISMATCH, "the config's rootfs.diff_ids["
                            + l + "] is " + expected + " but the uncompressed layer has " + diffId)
                            .atLayer(l).atPath(blob)));
            for (Finding f : idx.findings()) findings.add(f.layer().isPresent() ? f : f.atLayer(l));
        }
        LayerVerdict.Status status = errorCount() > errorsBefore ? LayerVerdict.Status.MISMATCH : LayerVerdict.Status.OK;
        return verdict(ref, chainId, nonDistributable, r, status);
    }

    private void checkDeclared(LayerRef ref, BlobResult r) {
        int l = ref.index();
        String blob = ref.blobKey();
        DeclaredBy by = declaredBy(image, ref);
        Optional<Digest> actual = ref.declaredDigest().flatMap(d -> r.digest(d.algorithm()));
        boolean digestDiffers = ref.declaredDigest().isPresent() && !ref.declaredDigest().equals(actual);
        boolean sizeDiffers = ref.declaredSize().isPresent() && ref.declaredSize().get() != r.size();
        String declared = ref.declaredDigest().map(Digest::toString).orElse("");
        String stored = actual.map(Digest::toString).orElse("no digest");
        switch (by) {
            case DESCRIPTOR -> {
                if (digestDiffers) {
                    findings.add(Finding.error(FindingCode.BLOB_DIGEST_MISMATCH, "the manifest says " + declared
                            + " but the stored blob has " + stored).atLayer(l).atPath(blob));
                }
                if (sizeDiffers) {
                    findings.add(Finding.error(FindingCode.BLOB_SIZE_MISMATCH, "the manifest says " + ref.declaredSize().get()
                            + " bytes but the stored blob has " + r.size()).atLayer(l).atPath(blob));
                }
                checkCompressionClaim(ref, r);
            }
            case LAYER_SOURCES -> {
                if (digestDiffers || sizeDiffers) {
                    findings.add(Finding.info(FindingCode.LAYER_SOURCE_DIFFERS, "manifest.json LayerSources describes "
                            + declared + " (" + ref.declaredSize().get() + " bytes, " + ref.mediaType()
                            + "), the source it came from; the archive stores " + stored + " (" + r.size()
                            + " bytes)").atLayer(l).atPath(blob));
                }
            }
            case FILE_NAME -> {
                if (digestDiffers) {
                    findings.add(Finding.warning(FindingCode.BLOB_NAME_MISMATCH, "the file is named like " + declared
                            + " but its content has " + stored).atLayer(l).atPath(blob));
                }
            }
            case NONE -> {
                // a legacy <v1-id>/layer.tar: the diff_id check below is its integrity check
            }
        }
    }

    /** podman writes plain tar layers under a +gzip media type: real, readable, but worth a warning. */
    private void checkCompressionClaim(LayerRef ref, BlobResult r) {
        Compression claimed = MediaType.claimedCompression(ref.mediaType());
        if (claimed == Compression.UNKNOWN || claimed == r.compression()) return;
        String is = r.compression() == Compression.NONE ? "a plain tar" : r.compression().label() + "-compressed";
        findings.add(Finding.warning(FindingCode.COMPRESSION_MISMATCH, "media type " + ref.mediaType() + " claims "
                + claimed.label() + " but the blob is " + is).atLayer(ref.index()).atPath(ref.blobKey()));
    }

    private int errorCount() {
        return (int) findings.stream().filter(f -> f.severity() == Finding.Severity.ERROR).count();
    }

    private LayerVerdict verdict(LayerRef ref, Optional<Digest> chainId, boolean nonDistributable, BlobResult r,
                                 LayerVerdict.Status status) {
        Optional<BlobResult> result = Optional.ofNullable(r);
        String algorithm = ref.declaredDigest().map(Digest::algorithm).orElse("sha256");
        return new LayerVerdict(ref.index(), ref.mediaType(), ref.blobKey(), ref.declaredDigest(), ref.declaredSize(),
                result.map(BlobResult::size), result.flatMap(b -> b.digest(algorithm)),
                result.map(BlobResult::compression), result.flatMap(BlobResult::index).map(i -> i.totals().diffId()),
                ref.configDiffId(), chainId, nonDistributable, status);
    }
}
