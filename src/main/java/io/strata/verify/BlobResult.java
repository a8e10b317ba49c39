package io.strata.verify;

import io.strata.layer.LayerIndex;
import io.strata.model.Compression;
import io.strata.model.Digest;

import java.util.Map;
import java.util.Optional;

/**
 * What one reading of a stored blob showed: its length, its digests in the algorithms asked for (sha256 always),
 * the compression its magic bytes show, and for a layer the scanned index or why it could not be read to its end.
 */
public record BlobResult(long size, Map<String, Digest> digests, Compression compression,
                         Optional<LayerIndex> index, Optional<String> failure) {

    public BlobResult {
        digests = Map.copyOf(digests);
    }

    public Optional<Digest> digest(String algorithm) {
        return Optional.ofNullable(digests.get(algorithm));
    }
}
