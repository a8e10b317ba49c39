package io.strata.analysis.files;

import io.strata.layer.EntryKind;
import io.strata.layer.FileEntry;
import io.strata.model.ImagePath;
import io.strata.tree.VisibleFile;

import java.util.Optional;
import java.util.OptionalLong;

/** Which visible files a `files` query keeps; every given condition must hold. */
public record FileFilter(Optional<ImagePath> under, boolean setuidOrSetgid, boolean worldWritable,
                         OptionalLong uid, OptionalLong gid) {

    public static final FileFilter ALL = new FileFilter(Optional.empty(), false, false, OptionalLong.empty(),
            OptionalLong.empty());

    public boolean matches(VisibleFile f) {
        return matches(f.path(), f.kind(), f.mode(), f.uid(), f.gid());
    }

    public boolean matches(FileEntry e) {
        return matches(e.path(), e.kind(), e.mode(), e.uid(), e.gid());
    }

    private boolean matches(ImagePath path, EntryKind kind, int mode, long fileUid, long fileGid) {
        if (under.isPresent() && !path.isWithin(under.get())) return false;
        if (setuidOrSetgid && !FileModes.isSetuidOrSetgid(mode)) return false;
        if (worldWritable && !FileModes.isWorldWritable(kind, mode)) return false;
        if (uid.isPresent() && fileUid != uid.getAsLong()) return false;
        return gid.isEmpty() || fileGid == gid.getAsLong();
    }

    /** True when only a path restriction (or nothing) is set, so directories still frame the listing. */
    public boolean onlyPath() {
        return !setuidOrSetgid && !worldWritable && uid.isEmpty() && gid.isEmpty();
    }
}
