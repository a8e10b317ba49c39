package io.strata.fleet;

import java.io.Serializable;

/**
 * One layer of one listed image: the key its scan is shared under fleet-wide, what the manifest and config claim,
 * where its blob is stored ({@code location} is null when the blob is missing from the archive), and whether its
 * history step is BuildKit's (then the image's figures measure it as BuildKit does, like {@code strata inspect}).
 */
public record FleetLayer(int index, String key, String mediaType, String declaredDigest, String configDiffId,
                         BlobLocation location, boolean builtByBuildKit) implements Serializable {
}
