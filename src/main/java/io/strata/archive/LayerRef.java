package io.strata.archive;

import io.strata.model.Digest;

import java.util.Optional;

/**
 * One layer of one image: where its blob is stored and what the manifest and config say about it.
 * {@code blobKey} identifies the stored bytes, so a layer shared by several images is scanned once.
 */
public record LayerRef(int index, String mediaType, Optional<Digest> declaredDigest, Optional<Long> declaredSize,
                       Optional<StoredFile> stored, Optional<Digest> configDiffId) {

    public boolean present() {
        return stored.isPresent();
    }

    public String blobKey() {
        return stored.map(StoredFile::name)
                .orElseGet(() -> declaredDigest.map(Digest::toString).orElse("missing-layer-" + index));
    }
}
