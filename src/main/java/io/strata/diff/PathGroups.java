package io.strata.diff;

import io.strata.layer.EntryKind;
import io.strata.layer.LayerIndex;
import io.strata.tree.FileTree;
import io.strata.tree.VisibleFile;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Changed paths counted and squashed bytes summed per group of paths (a top folder, an owning package), on both
 * sides. Bytes are counted as squashedBytes is (regular files with an inode counted once, at its first name in path
 * order, plus symlink target lengths), so the groups' bytes add up to each side's squashedBytes.
 */
final class PathGroups {
    private PathGroups() {
    }

    /** One group: changed paths by kind (indexed by {@link FileChange.Kind#ordinal()}), bytes on each side. */
    record Totals(int[] counts, long before, long after) {
    }

    /**
     * The groups where a path changed, the squashed bytes differ, or that only one side has, by name. {@code ofRow} names a changed path's
     * group; {@code ofA} and {@code ofB} a visible path's (relative) group on each side.
     */
    static Map<String, Totals> compute(FileTree a, FileTree b, List<FileChange> changes, Function<FileChange, String> ofRow,
                                       Function<VisibleFile, String> ofA, Function<VisibleFile, String> ofB) {
        Map<String, Long> bytesA = squashed(a, ofA);
        Map<String, Long> bytesB = squashed(b, ofB);
        Map<String, int[]> counts = new TreeMap<>();
        for (FileChange c : changes) counts.computeIfAbsent(ofRow.apply(c), k -> new int[4])[c.kind().ordinal()]++;
        Map<String, Totals> out = new TreeMap<>();
        Set<String> groups = new HashSet<>(counts.keySet());
        groups.addAll(bytesA.keySet());
        groups.addAll(bytesB.keySet());
        for (String g : groups) {
            long before = bytesA.getOrDefault(g, 0L);
            long after = bytesB.getOrDefault(g, 0L);
            boolean oneSide = bytesA.containsKey(g) != bytesB.containsKey(g);
            if (!counts.containsKey(g) && before == after && !oneSide) continue;
            out.put(g, new Totals(counts.getOrDefault(g, new int[4]), before, after));
        }
        return out;
    }

    /** Squashed bytes per group; their sum is the tree's squashedBytes. */
    static Map<String, Long> squashed(FileTree tree, Function<VisibleFile, String> group) {
        List<LayerIndex> layers = tree.layers();
        Set<Long> counted = new HashSet<>();
        Map<String, Long> out = new TreeMap<>();
        for (VisibleFile f : tree.visible()) {
            if (f.entry() == FileTree.IMPLICIT) continue;
            long bytes;
            if (f.kind() == EntryKind.SYMLINK) {
                bytes = layers.get(f.layer()).linkTargetBytes(f.entry());
            } else if (f.isRegularContent() && f.contentEntry() >= 0) {
                if (!counted.add(f.inodeKey())) continue;
                bytes = layers.get(f.contentLayer()).size(f.contentEntry());
            } else {
                continue;
            }
            out.merge(group.apply(f), bytes, Long::sum);
        }
        return out;
    }
}
