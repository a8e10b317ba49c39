package io.strata.diff;

import io.strata.layer.EntryKind;
import io.strata.layer.LayerIndex;
import io.strata.model.ImagePath;
import io.strata.tree.FileTree;
import io.strata.tree.VisibleFile;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The part of the filesystem that the layers above a common base can have changed. A path no such layer touches
 * (by an entry at it, or a whiteout, opaque marker or non-directory at one of its ancestors) is what the shared
 * base made it on both sides, so the diff never looks at it. A directory entry touches only itself; anything
 * else touches its whole subtree, since it may hide or replace what the base put there.
 */
final class ChangedRegion {
    private final TreeSet<String> nodes = new TreeSet<>();
    private final TreeSet<String> subtrees = new TreeSet<>();

    /** The region touched by the layers from {@code base} up, on either side. */
    static ChangedRegion above(int base, List<LayerIndex> a, List<LayerIndex> b) {
        ChangedRegion r = new ChangedRegion();
        for (int l = base; l < a.size(); l++) r.add(a.get(l));
        for (int l = base; l < b.size(); l++) r.add(b.get(l));
        return r;
    }

    private void add(LayerIndex layer) {
        for (int i = 0; i < layer.size(); i++) {
            String path = layer.path(i);
            EntryKind kind = layer.kind(i);
            if (kind == EntryKind.DIR) {
                if (!path.isEmpty()) nodes.add(path);
            } else {
                subtrees.add(path);
            }
            // implied parent directories may be new on this side
            for (int slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
                if (!nodes.add(path.substring(0, slash))) break;
            }
        }
    }

    /** This region's visible files of one tree, sorted by path. */
    List<VisibleFile> files(FileTree tree) {
        Map<String, VisibleFile> found = new TreeMap<>();
        for (String n : nodes) tree.lookup(n).ifPresent(f -> found.put(n, f));
        for (String root : subtrees) {
            if (!insideAnotherSubtree(root)) collect(tree, root, found);
        }
        return new ArrayList<>(found.values());
    }

    private boolean insideAnotherSubtree(String root) {
        if (root.isEmpty()) return false;
        if (subtrees.contains("")) return true;
        for (int slash = root.lastIndexOf('/'); slash > 0; slash = root.lastIndexOf('/', slash - 1)) {
            if (subtrees.contains(root.substring(0, slash))) return true;
        }
        return false;
    }

    private static void collect(FileTree tree, String root, Map<String, VisibleFile> found) {
        Deque<ImagePath> dirs = new ArrayDeque<>();
        if (root.isEmpty()) {
            dirs.push(ImagePath.ROOT);
        } else {
            Optional<VisibleFile> top = tree.lookup(root);
            if (top.isEmpty()) return;
            found.put(root, top.get());
            if (top.get().kind() == EntryKind.DIR) dirs.push(top.get().path());
        }
        while (!dirs.isEmpty()) {
            for (VisibleFile child : tree.children(dirs.pop())) {
                found.put(child.path().relative(), child);
                if (child.kind() == EntryKind.DIR) dirs.push(child.path());
            }
        }
    }
}
