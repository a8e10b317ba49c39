package io.strata.layer;

import io.strata.model.Digest;
import io.strata.model.ImagePath;

import java.util.Map;
import java.util.Optional;

/**
 * One entry of one layer, materialised on demand from the compact {@link LayerIndex} columns.
 * For whiteouts the path is the path being deleted (for an opaque marker, the directory).
 */
public record FileEntry(int layer, int ordinal, ImagePath path, EntryKind kind, int mode, long uid, long gid,
                        long size, long mtime, Optional<String> linkTarget, Optional<Digest> sha256,
                        Map<String, String> xattrs) {

    /** Permission and special bits only (07777). */
    public int permissions() {
        return mode & 07777;
    }
}
