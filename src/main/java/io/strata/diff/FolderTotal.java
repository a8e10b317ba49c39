package io.strata.diff;

import io.strata.layer.EntryKind;
import io.strata.layer.LayerIndex;
import io.strata.tree.FileTree;
import io.strata.tree.VisibleFile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One top folder of a files diff ({@code --by folder}): how many paths below it changed, and its share of the
 * squashed bytes on each side. Shares are counted as squashedBytes is (regular files with an inode counted once,
 * at its first name in path order, plus symlink target lengths), so the deltas of all folders add up to the
 * change in squashed bytes. Files directly in / belong to the folder "/".
 */
public record FolderTotal(String folder, int added, int removed, int modified, int metadata, long bytesBefore,
                          long bytesAfter) {

    public long bytesDelta() {
        return bytesAfter - bytesBefore;
    }

    public int paths() {
        return added + removed + modified + metadata;
    }

    /** The top folder a path belongs to: "/usr" for usr/bin/env and for the folder usr itself, "/" for a root file. */
    public static String of(String relativePath, boolean directory) {
        int slash = relativePath.indexOf('/');
        if (slash >= 0) return "/" + relativePath.substring(0, slash);
        return directory && !relativePath.isEmpty() ? "/" + relativePath : "/";
    }

    /** The folders where a path changed or the squashed bytes differ, sorted by folder. */
    static List<FolderTotal> compute(FileTree a, FileTree b, List<FileChange> changes) {
        Map<String, long[]> bytesA = squashedByFolder(a);
        Map<String, long[]> bytesB = squashedByFolder(b);
        Map<String, int[]> counts = new TreeMap<>();
        for (FileChange c : changes) {
            boolean dir = c.after().or(c::before).map(s -> s.kind() == EntryKind.DIR).orElse(false);
            counts.computeIfAbsent(of(c.path().relative(), dir), k -> new int[4])[c.kind().ordinal()]++;
        }
        TreeMap<String, Boolean> folders = new TreeMap<>();
        counts.keySet().forEach(f -> folders.put(f, true));
        for (String f : bytesA.keySet()) {
            if (bytesA.get(f)[0] != bytesB.getOrDefault(f, new long[1])[0]) folders.put(f, true);
        }
        for (String f : bytesB.keySet()) if (!bytesA.containsKey(f)) folders.put(f, true);
        List<FolderTotal> out = new ArrayList<>();
        for (String f : folders.keySet()) {
            int[] n = counts.getOrDefault(f, new int[4]);
            out.add(new FolderTotal(f, n[FileChange.Kind.ADDED.ordinal()], n[FileChange.Kind.REMOVED.ordinal()],
                    n[FileChange.Kind.MODIFIED.ordinal()], n[FileChange.Kind.METADATA.ordinal()],
                    bytesA.getOrDefault(f, new long[1])[0], bytesB.getOrDefault(f, new long[1])[0]));
        }
        return out;
    }

    /** Squashed bytes per top folder; their sum is the tree's squashedBytes. */
    static Map<String, long[]> squashedByFolder(FileTree tree) {
        List<LayerIndex> layers = tree.layers();
        Set<Long> counted = new HashSet<>();
        Map<String, long[]> out = new TreeMap<>();
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
            out.computeIfAbsent(of(f.path().relative(), false), k -> new long[1])[0] += bytes;
        }
        return out;
    }
}
