package io.strata.diff;

import io.strata.layer.EntryKind;
import io.strata.tree.FileTree;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
        Map<String, PathGroups.Totals> groups = PathGroups.compute(a, b, changes, FolderTotal::of,
                f -> of(f.path().relative(), false), f -> of(f.path().relative(), false));
        List<FolderTotal> out = new ArrayList<>();
        groups.forEach((folder, t) -> out.add(new FolderTotal(folder, t.counts()[FileChange.Kind.ADDED.ordinal()],
                t.counts()[FileChange.Kind.REMOVED.ordinal()], t.counts()[FileChange.Kind.MODIFIED.ordinal()],
                t.counts()[FileChange.Kind.METADATA.ordinal()], t.before(), t.after())));
        return out;
    }

    /** The top folder of a changed path (a changed folder is its own top folder). */
    static String of(FileChange c) {
        boolean dir = c.after().or(c::before).map(s -> s.kind() == EntryKind.DIR).orElse(false);
        return of(c.path().relative(), dir);
    }
}
