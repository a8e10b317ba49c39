package io.strata.advise;

import io.strata.layer.EntryKind;
import io.strata.tree.HiddenVersion;

import java.util.Optional;

/**
 * One stored version of a path that is not a directory: visible at the top, or hidden by a later layer.
 * {@code bytes} is what removing this version would save: a regular file's size, 0 for links and for a
 * hidden file whose bytes a visible hardlink still uses.
 */
public record StoredVersion(String path, int layer, int entry, EntryKind kind, long bytes, int hiddenBy,
                            Optional<HiddenVersion.Reason> reason) {

    public boolean visible() {
        return reason.isEmpty();
    }

    /** Identity of the stored entry (layer, entry), the key rules claim. */
    public long key() {
        return key(layer, entry);
    }

    public static long key(int layer, int entry) {
        return ((long) layer << 32) | (entry & 0xffffffffL);
    }

    public String absolute() {
        return "/" + path;
    }

    public String name() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }
}
