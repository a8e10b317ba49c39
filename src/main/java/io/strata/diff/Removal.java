package io.strata.diff;

import java.util.Optional;

/**
 * How a path of A is gone from B: the layer of B that removed it (its whiteout, its opaque directory marker, or
 * its non-directory over an ancestor) with that layer's history step, or none when no layer of B ever held it.
 */
public record Removal(Optional<Integer> layer, Optional<String> createdBy, How how) {

    public enum How {
        WHITEOUT("whiteout"), OPAQUE("opaque directory"), PARENT_REPLACED("parent replaced"),
        NEVER_IN_B("not in B's layers");

        private final String label;

        How(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
