package io.strata.verify;

import io.strata.model.Compression;
import io.strata.model.Digest;

import java.util.Optional;

/**
 * One layer of one image as verify saw it: what the manifest and config claim, what the stored bytes are, and the
 * ChainID docker derives for the stack up to this layer.
 */
public record LayerVerdict(int index, String mediaType, String blob, Optional<Digest> declaredDigest,
                           Optional<Long> declaredSize, Optional<Long> storedBytes, Optional<Digest> contentDigest,
                           Optional<Compression> compression, Optional<Digest> diffId, Optional<Digest> configDiffId,
                           Optional<Digest> chainId, boolean nonDistributable, Status status) {

    public enum Status {
        OK, MISMATCH, MISSING, UNREADABLE;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
