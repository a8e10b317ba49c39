package io.strata.diff;

import io.strata.layer.EntryKind;
import io.strata.layer.LayerIndex;
import io.strata.tree.FileTree;
import io.strata.tree.LayerStack;
import io.strata.tree.VisibleFile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The paths that differ between two merged filesystems, sorted by path. Two sorted lists of visible files are
 * compared in one merge walk. When the images share a base, the lists hold only the region the layers above it
 * touch ({@link ChangedRegion}); when they share every layer, nothing is compared at all.
 * {@code examinedPaths} counts the visible files the walk looked at, both sides together.
 */
public record FileDiff(List<FileChange> changes, int examinedPaths, Optional<List<FolderTotal>> folders) {

    public FileDiff {
        changes = List.copyOf(changes);
        folders = folders.map(List::copyOf);
    }

    public FileDiff(List<FileChange> changes, int examinedPaths) {
        this(changes, examinedPaths, Optional.empty());
    }

    public boolean identical() {
        return changes.isEmpty();
    }

    public long count(FileChange.Kind kind) {
        return changes.stream().filter(c -> c.kind() == kind).count();
    }

    /** Sum of the growth of the paths that grew (an added file counts its whole size). */
    public long bytesAdded() {
        return changes.stream().mapToLong(FileChange::sizeDelta).filter(d -> d > 0).sum();
    }

    /** Sum of the shrinkage of the paths that shrank (a removed file counts its whole size), as a positive number. */
    public long bytesRemoved() {
        return -changes.stream().mapToLong(FileChange::sizeDelta).filter(d -> d < 0).sum();
    }

    public static FileDiff compare(DiffSide a, DiffSide b, DiffOptions options) {
        return compare(a.scanned(), a.steps(), b.scanned(), b.steps(), options);
    }

    /**
     * Layer stacks in manifest order, with the history step of each layer (for the owners' steps). A stack is merged
     * only when some layer differs.
     */
    public static FileDiff compare(LayerStack sa, List<Optional<String>> stepsA, LayerStack sb,
                                   List<Optional<String>> stepsB, DiffOptions options) {
        List<LayerIndex> la = sa.layers();
        List<LayerIndex> lb = sb.layers();
        int base = LayerAlignment.commonBase(la, lb);
        boolean byFolder = options.groupBy() == DiffOptions.GroupBy.FOLDER;
        if (base == la.size() && base == lb.size()) {
            return new FileDiff(List.of(), 0, byFolder ? Optional.of(List.of()) : Optional.empty());
        }
        FileTree ta = sa.merged();
        FileTree tb = sb.merged();
        List<VisibleFile> va;
        List<VisibleFile> vb;
        if (base == 0) {
            va = ta.visible();
            vb = tb.visible();
        } else {
            ChangedRegion region = ChangedRegion.above(base, la, lb);
            va = region.files(ta);
            vb = region.files(tb);
        }
        List<FileChange> changes = walk(va, vb, stepsA, stepsB, options);
        // per-folder totals need both whole trees (an inode counts once, wherever its names are)
        return new FileDiff(changes, va.size() + vb.size(),
                byFolder ? Optional.of(FolderTotal.compute(ta, tb, changes)) : Optional.empty());
    }

    /** The merge walk: both lists are sorted by path. */
    static List<FileChange> walk(List<VisibleFile> a, List<VisibleFile> b, List<Optional<String>> stepsA,
                                 List<Optional<String>> stepsB, DiffOptions options) {
        List<FileChange> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            int order = i == a.size() ? 1 : j == b.size() ? -1 : a.get(i).path().compareTo(b.get(j).path());
            VisibleFile x = order <= 0 ? a.get(i++) : null;
            VisibleFile y = order >= 0 ? b.get(j++) : null;
            if (options.ignore().matches(x != null ? x.path() : y.path())) continue;
            Optional<FileState> before = Optional.ofNullable(x).map(f -> FileState.of(f, stepsA));
            Optional<FileState> after = Optional.ofNullable(y).map(f -> FileState.of(f, stepsB));
            if (x == null) {
                out.add(new FileChange(y.path(), FileChange.Kind.ADDED, List.of(), before, after));
            } else if (y == null) {
                out.add(new FileChange(x.path(), FileChange.Kind.REMOVED, List.of(), before, after));
            } else {
                List<FileChange.Field> fields = differences(x, y, options.timestamps());
                if (fields.isEmpty()) continue;
                FileChange.Kind kind = fields.get(0) == FileChange.Field.CONTENT
                        ? FileChange.Kind.MODIFIED : FileChange.Kind.METADATA;
                out.add(new FileChange(x.path(), kind, fields, before, after));
            }
        }
        return out;
    }

    /**
     * What differs about one path. A hardlink counts as the regular file it shares bytes with: which of two
     * names carries the tar link flag is an accident of tar order, invisible in the running container.
     */
    static List<FileChange.Field> differences(VisibleFile x, VisibleFile y, boolean timestamps) {
        List<FileChange.Field> fields = new ArrayList<>();
        boolean bothContent = x.isRegularContent() && y.isRegularContent();
        if (bothContent && (!x.sha256().equals(y.sha256()) || x.size() != y.size())) {
            fields.add(FileChange.Field.CONTENT);
        }
        if (!bothContent && x.kind() != y.kind()) fields.add(FileChange.Field.TYPE);
        if (x.mode() != y.mode()) fields.add(FileChange.Field.MODE);
        if (x.uid() != y.uid()) fields.add(FileChange.Field.UID);
        if (x.gid() != y.gid()) fields.add(FileChange.Field.GID);
        if (x.kind() == EntryKind.SYMLINK && y.kind() == EntryKind.SYMLINK && !x.linkTarget().equals(y.linkTarget())) {
            fields.add(FileChange.Field.LINK_TARGET);
        }
        if (!x.xattrs().equals(y.xattrs())) fields.add(FileChange.Field.XATTRS);
        if (timestamps && x.mtime() != y.mtime()) fields.add(FileChange.Field.MTIME);
        return fields;
    }
}
