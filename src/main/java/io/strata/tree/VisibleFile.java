package io.strata.tree;

import io.strata.layer.EntryKind;
import io.strata.model.Digest;
import io.strata.model.ImagePath;

import java.util.Map;
import java.util.Optional;

/**
 * A path of the merged filesystem. {@code layer}/{@code entry} locate the entry that last wrote it
 * ({@code entry} is -1 for a directory only implied by deeper paths). For a hardlink, {@code contentLayer}/
 * {@code contentEntry} locate the file whose bytes it shares, and size and sha256 are that file's.
 */
public record VisibleFile(ImagePath path, EntryKind kind, int mode, long uid, long gid, long size,
                          Optional<String> linkTarget, Optional<Digest> sha256, int layer, int entry,
                          int contentLayer, int contentEntry, long mtime, Map<String, String> xattrs) {

    public boolean isRegularContent() {
        return kind == EntryKind.FILE || kind == EntryKind.HARDLINK;
    }

    /** Identity of the bytes (inode): hardlinks share their target's. */
    public long inodeKey() {
        return inodeKey(contentLayer, contentEntry);
    }

    /** The inode key of the file stored as entry {@code entry} of layer {@code layer}. */
    public static long inodeKey(int layer, int entry) {
        return ((long) layer << 32) | (entry & 0xffffffffL);
    }
}
