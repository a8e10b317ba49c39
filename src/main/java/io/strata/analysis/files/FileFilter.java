package io.strata.analysis.files;

import io.strata.layer.EntryKind;
import io.strata.layer.FileEntry;
import io.strata.model.ImagePath;
import io.strata.tree.VisibleFile;

import java.util.Optional;
import java.util.OptionalInt;

/** Which visible files a `files` query keeps; every given condition must hold. */
public record FileFilter(Optional<ImagePath> under, boolean setuidOrSetgid, boolean worldWritable,
                         OptionalInt uid, OptionalInt gid) {

    public static final FileFilter ALL = new FileFilter(Optional.empty(), false, false, OptionalInt.empty(),
            OptionalInt.empty());

    public boolean matches(VisibleFile f) {
        return matches(f.path(), f.kind(), f.mode(), f.uid(), f.gid());
    }

    public boolean matches(FileEntry e) {
        return matches(e.path(), e.kind(), e.mode(), e.uid(), e.gid());
    }

    private boolean matches(ImagePath path, EntryKind kind, int mode, int fileUid, int fileGid) {
        if (under.isPresent() && !path.isWithin(under.get())) return false;
        if (setuidOrSetgid && !FileModes.isSetuidOrSetgid(mode)) return false;
        if (worldWritable && !FileModes.isWorldWritable(kind, mode)) return false;
        if (uid.isPresent() && fileUid != uid.getAsInt()) return false;
        return gid.isEmpty() || fileGid == gid.getAsInt();
    }

    /** True when only a path restriction (or nothing) is set, so directories still frame the listing. */
    public boolean onlyPath() {
        return !setuidOrSetgid && !worldWritable && uid.isEmpty() && gid.isEmpty();
    }
}
