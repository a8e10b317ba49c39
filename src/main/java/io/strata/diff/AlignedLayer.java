package io.strata.diff;

import io.strata.model.Digest;

import java.util.Optional;

/**
 * A layer in the alignment of two stacks: its position on its own side, its diffId, its docker-style size
 * (contentBytes) and the history step that made it. {@code otherIndex} is the position of the same diffId on the
 * other side: equal to {@code index} in the common base, present on a one-sided layer that the other image
 * also holds at another place.
 */
public record AlignedLayer(int index, Digest diffId, long contentBytes, Optional<String> createdBy,
                           Optional<Integer> otherIndex) {
}
