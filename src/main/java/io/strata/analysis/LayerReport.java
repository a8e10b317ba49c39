package io.strata.analysis;

import io.strata.model.Compression;
import io.strata.model.Digest;

import java.util.Optional;

/** What one layer of one image costs, and the build step that made it. */
public record LayerReport(int index, Digest digest, Digest diffId, Optional<Digest> configDiffId, String mediaType,
                          Compression compression, long compressedBytes, long tarBytes, long contentBytes,
                          int entries, Optional<String> createdBy, boolean sharedWithOtherImage) {
}
