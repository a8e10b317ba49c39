package io.strata.analysis;

import io.strata.archive.LayerRef;
import io.strata.layer.LayerIndex;
import io.strata.model.Compression;
import io.strata.model.Digest;
import io.strata.model.MediaType;

import java.util.Optional;

/**
 * What one layer of one image costs, and the build step that made it. Figures come from the scan when the layer was
 * scanned; a layer whose blob is missing, or a blob of an artifact (not a filesystem layer), is not scanned and
 * only what its descriptor says is known.
 */
public record LayerReport(int index, LayerRef ref, Optional<LayerIndex.Totals> scanned, Optional<String> createdBy,
                          boolean sharedWithOtherImage, boolean builtByBuildKit) {

    public LayerReport(int index, LayerRef ref, Optional<LayerIndex.Totals> scanned, Optional<String> createdBy,
                       boolean sharedWithOtherImage) {
        this(index, ref, scanned, createdBy, sharedWithOtherImage, false);
    }

    /** Why the figures are (or are not) known. */
    public enum Status {
        SCANNED, MISSING, NOT_SCANNED;

        public String label() {
            return this == NOT_SCANNED ? "not-scanned" : name().toLowerCase();
        }
    }

    public Status status() {
        if (scanned.isPresent()) return Status.SCANNED;
        return ref.present() ? Status.NOT_SCANNED : Status.MISSING;
    }

    /** The blob digest: computed while scanning, else as declared by the manifest or the file name. */
    public Optional<Digest> digest() {
        return scanned.map(LayerIndex.Totals::blobDigest).or(ref::declaredDigest);
    }

    /** The diffId: computed while scanning, else what the config's rootfs.diff_ids says. */
    public Optional<Digest> diffId() {
        return scanned.map(LayerIndex.Totals::diffId).or(ref::configDiffId);
    }

    public String mediaType() {
        return ref.mediaType();
    }

    /** The real compression, sniffed from the blob's bytes; unknown when the blob was not read. */
    public Optional<Compression> compression() {
        return scanned.map(LayerIndex.Totals::compression);
    }

    /** True when the media type claims a compression other than the one the bytes have (podman's +gzip plain tars). */
    public boolean compressionDisagreesWithMediaType() {
        Compression claimed = MediaType.claimedCompression(ref.mediaType());
        return claimed != Compression.UNKNOWN && compression().map(c -> c != claimed).orElse(false);
    }

    public Optional<Long> compressedBytes() {
        return scanned.map(LayerIndex.Totals::compressedBytes)
                .or(() -> ref.stored().map(s -> s.size()))
                .or(ref::declaredSize);
    }

    public Optional<Long> tarBytes() {
        return scanned.map(LayerIndex.Totals::tarBytes);
    }

    /**
     * What {@code docker history} shows as SIZE: the classic builder measures symlinks by their target's length,
     * BuildKit (history comment {@code buildkit.dockerfile.v0}) leaves them out.
     */
    public Optional<Long> contentBytes() {
        return scanned.map(t -> t.historyBytes(builtByBuildKit));
    }

    public Optional<Integer> entries() {
        return scanned.map(LayerIndex.Totals::entries);
    }
}
