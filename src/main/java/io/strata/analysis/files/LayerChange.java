package io.strata.analysis.files;

import io.strata.model.ImagePath;
import io.strata.tree.VisibleFile;

import java.util.Optional;

/** What one layer did to one path of the merged view: before is the view below the layer, after the view with it. */
public record LayerChange(ImagePath path, Change change, Optional<VisibleFile> before, Optional<VisibleFile> after) {

    public enum Change {
        ADDED, MODIFIED, DELETED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The state to show: after, or before for a deletion. */
    public VisibleFile shown() {
        return after.or(() -> before).orElseThrow();
    }
}
