package io.strata.diff;

import io.strata.layer.EntryKind;
import io.strata.layer.LayerIndex;
import io.strata.tree.FileTree;
import io.strata.tree.HiddenVersion;
import io.strata.tree.LayerStack;
import io.strata.tree.VisibleFile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The paths that differ between two merged filesystems, sorted by path. Two sorted lists of visible files are
 * compared in one merge walk. When the images share a base, the lists hold only the region the layers above it
 * touch ({@link ChangedRegion}); when they share every layer, nothing is compared at all.
 * {@code examinedPaths} counts the visible files the walk looked at, both sides together.
 */
public record FileDiff(List<FileChange> changes, int examinedPaths, Optional<List<FolderTotal>> folders,
                       Optional<PackageGroup.Grouping> packages, long bytesAdded, long bytesRemoved) {

    public FileDiff {
        changes = List.copyOf(changes);
        folders = folders.map(List::copyOf);
    }

    public FileDiff(List<FileChange> changes, int examinedPaths, Optional<List<FolderTotal>> folders,
                    long bytesAdded, long bytesRemoved) {
        this(changes, examinedPaths, folders, Optional.empty(), bytesAdded, bytesRemoved);
    }

    /** Without folder totals; the byte totals path by path (no hardlink is known to share an inode). */
    public FileDiff(List<FileChange> changes, int examinedPaths) {
        this(changes, examinedPaths, Optional.empty(),
                changes.stream().mapToLong(FileChange::sizeDelta).filter(d -> d > 0).sum(),
                -changes.stream().mapToLong(FileChange::sizeDelta).filter(d -> d < 0).sum());
    }

    /** The paths that grew and shrank, with sizes; what the totals count is said at {@link #bytesAdded()}. */
    private static final class Walk {
        final List<FileChange> changes = new ArrayList<>();
        final Set<Long> inodesA = new HashSet<>();
        final Set<Long> inodesB = new HashSet<>();
        long added;
        long removed;

        /** A path's bytes on one side, or 0 when another changed path of the same inode was counted already. */
        static long bytes(VisibleFile f, Set<Long> seen) {
            if (f == null || !f.isRegularContent()) return 0;
            return f.contentEntry() < 0 || seen.add(f.inodeKey()) ? f.size() : 0;
        }

        void add(FileChange change, VisibleFile x, VisibleFile y) {
            changes.add(change);
            long delta = bytes(y, inodesB) - bytes(x, inodesA);
            if (delta > 0) added += delta;
            else removed -= delta;
        }
    }

    public boolean identical() {
        return changes.isEmpty();
    }

    public long count(FileChange.Kind kind) {
        return changes.stream().filter(c -> c.kind() == kind).count();
    }

    /**
     * Sum of the growth of the paths that grew (an added file counts its whole size), a hardlinked inode once:
     * thirteen names of one driver are one file's bytes, as in the squashed sizes.
     */
    @Override
    public long bytesAdded() {
        return bytesAdded;
    }

    /** Sum of the shrinkage of the paths that shrank, as a positive number; a hardlinked inode once. */
    @Override
    public long bytesRemoved() {
        return bytesRemoved;
    }

    public static FileDiff compare(DiffSide a, DiffSide b, DiffOptions options) {
        FileDiff d = compare(a.scanned(), a.steps(), b.scanned(), b.steps(), options);
        if (options.groupBy() != DiffOptions.GroupBy.PACKAGE || a.packages().isEmpty() || b.packages().isEmpty()) return d;
        PackageGroup.Grouping g = PackageGroup.compute(a.scanned().merged(), a.packages().get(), b.scanned().merged(),
                b.packages().get(), d.changes());
        return new FileDiff(d.changes(), d.examinedPaths(), d.folders(), Optional.of(g), d.bytesAdded(), d.bytesRemoved());
    }

    /** The squashed bytes' change, when the rows are grouped (the groups' deltas add up to it). */
    public Optional<Long> squashedBytesDelta() {
        if (folders.isPresent()) return Optional.of(folders.get().stream().mapToLong(FolderTotal::bytesDelta).sum());
        return packages.map(p -> p.groups().stream().mapToLong(PackageGroup::bytesDelta).sum());
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
            return new FileDiff(List.of(), 0, byFolder ? Optional.of(List.of()) : Optional.empty(), 0, 0);
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
        Walk w = walkCounting(va, vb, stepsA, stepsB, options);
        List<FileChange> changes = withRemovals(w.changes, tb, stepsB);
        // per-folder totals need both whole trees (an inode counts once, wherever its names are)
        return new FileDiff(changes, va.size() + vb.size(),
                byFolder ? Optional.of(FolderTotal.compute(ta, tb, changes)) : Optional.empty(), w.added, w.removed);
    }

    /**
     * Each removed path with the layer of B that removed it: the hidden version of the path in B's stack that
     * was written last tells which layer hid it and how. A path no layer of B holds was never in B.
     */
    private static List<FileChange> withRemovals(List<FileChange> changes, FileTree tb, List<Optional<String>> stepsB) {
        Map<String, HiddenVersion> last = new HashMap<>();
        for (FileChange c : changes) if (c.kind() == FileChange.Kind.REMOVED) last.put(c.path().relative(), null);
        if (last.isEmpty()) return changes;
        for (HiddenVersion h : tb.hidden()) {
            if (!last.containsKey(h.path())) continue;
            HiddenVersion known = last.get(h.path());
            if (known == null || h.layer() > known.layer()
                    || (h.layer() == known.layer() && h.hiddenBy() > known.hiddenBy())) {
                last.put(h.path(), h);
            }
        }
        List<FileChange> out = new ArrayList<>(changes.size());
        for (FileChange c : changes) {
            if (c.kind() != FileChange.Kind.REMOVED) {
                out.add(c);
                continue;
            }
            HiddenVersion h = last.get(c.path().relative());
            Removal.How how = h == null ? Removal.How.NEVER_IN_B : switch (h.reason()) {
                case OPAQUE -> Removal.How.OPAQUE;
                case PARENT_REPLACED -> Removal.How.PARENT_REPLACED;
                default -> Removal.How.WHITEOUT;
            };
            Optional<Integer> layer = h == null ? Optional.empty() : Optional.of(h.hiddenBy());
            Optional<String> step = layer.filter(l -> l >= 0 && l < stepsB.size()).flatMap(stepsB::get);
            out.add(c.removedBy(new Removal(layer, step, how)));
        }
        return out;
    }

    /** The merge walk: both lists are sorted by path. */
    static List<FileChange> walk(List<VisibleFile> a, List<VisibleFile> b, List<Optional<String>> stepsA,
                                 List<Optional<String>> stepsB, DiffOptions options) {
        return walkCounting(a, b, stepsA, stepsB, options).changes;
    }

    private static Walk walkCounting(List<VisibleFile> a, List<VisibleFile> b, List<Optional<String>> stepsA,
                                     List<Optional<String>> stepsB, DiffOptions options) {
        Walk out = new Walk();
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
                out.add(new FileChange(y.path(), FileChange.Kind.ADDED, List.of(), before, after), x, y);
            } else if (y == null) {
                out.add(new FileChange(x.path(), FileChange.Kind.REMOVED, List.of(), before, after), x, y);
            } else {
                List<FileChange.Field> fields = differences(x, y, options.timestamps());
                if (fields.isEmpty()) continue;
                FileChange.Kind kind = fields.get(0) == FileChange.Field.CONTENT
                        ? FileChange.Kind.MODIFIED : FileChange.Kind.METADATA;
                out.add(new FileChange(x.path(), kind, fields, before, after), x, y);
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
