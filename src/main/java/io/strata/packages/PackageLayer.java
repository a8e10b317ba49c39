package io.strata.packages;

import io.strata.model.Digest;

import java.util.Optional;

/** A layer of the image, as the inventory names it: its position, diffId and the history step that made it. */
public record PackageLayer(int index, Digest diffId, Optional<String> createdBy) {
}
