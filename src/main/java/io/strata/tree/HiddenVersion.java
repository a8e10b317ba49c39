package io.strata.tree;

/**
 * A version of a path that is stored in a layer but not visible at the top: its bytes still cost space.
 * {@code entry} indexes the holding layer's {@code LayerIndex}; {@code hiddenBy} is the layer that hid it.
 */
public record HiddenVersion(String path, int layer, int entry, int hiddenBy, Reason reason) {

    public enum Reason {
        /** a later layer wrote the same path */
        OVERWRITTEN,
        /** a whiteout (.wh.NAME) deleted it or an ancestor */
        WHITEOUT,
        /** an opaque directory marker hid everything below the directory */
        OPAQUE,
        /** the same layer wrote the path again; the last entry wins */
        SAME_LAYER,
        /** an ancestor directory was replaced by a non-directory */
        PARENT_REPLACED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
