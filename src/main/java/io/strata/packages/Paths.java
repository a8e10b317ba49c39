package io.strata.packages;

import io.strata.layer.EntryKind;
import io.strata.model.ImagePath;
import io.strata.tree.FileTree;
import io.strata.tree.VisibleFile;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the paths package databases list in one merged tree. Databases name files where the package put them
 * ({@code /bin/ls}), while a merged-/usr image stores them under a symlinked folder ({@code /bin -> usr/bin}):
 * the folders on the way are followed inside the image root, never on the host, at most 40 links deep. Each
 * folder is resolved once and remembered (a Debian image lists some 10,000 files in about 1,000 folders), so a
 * file costs one lookup, or two when its folder goes through a link.
 */
final class Paths {
    private static final int MAX_LINKS = 40;
    /** A folder that does not resolve (missing, or a chain of links too long). */
    private static final String NONE = new String("\u0000none");

    private final FileTree tree;
    /** Folder as listed (relative, normalised) to the folder it resolves to in the tree, or {@link #NONE}. */
    private final Map<String, String> folders = new HashMap<>();

    Paths(FileTree tree) {
        this.tree = tree;
    }

    Optional<VisibleFile> resolve(String path) {
        Optional<ImagePath> p = ImagePath.normalise(path);
        if (p.isEmpty() || p.get().isRoot()) return Optional.empty();
        String rel = p.get().relative();
        int slash = rel.lastIndexOf('/');
        if (slash < 0) return tree.lookup(p.get());
        String listedFolder = rel.substring(0, slash);
        String folder = folder(listedFolder, 0);
        if (folder.equals(listedFolder)) return tree.lookup(p.get());
        // a path the tree holds as listed wins over one found through a link
        Optional<VisibleFile> direct = tree.lookup(p.get());
        if (direct.isPresent() || folder == NONE) return direct;
        return tree.lookup(new ImagePath(folder.isEmpty() ? rel.substring(slash + 1) : folder + rel.substring(slash)));
    }

    /** Where a listed folder (relative, normalised) is in the tree, links followed; {@link #NONE} when nowhere. */
    private String folder(String listed, int links) {
        if (listed.isEmpty()) return listed;
        String known = folders.get(listed);
        if (known != null) return known;
        int slash = listed.lastIndexOf('/');
        String parent = slash < 0 ? "" : folder(listed.substring(0, slash), links);
        String resolved;
        if (parent == NONE) {
            resolved = NONE;
        } else {
            String next = parent.isEmpty() ? listed.substring(slash + 1) : parent + listed.substring(slash);
            Optional<VisibleFile> f = tree.lookup(new ImagePath(next));
            if (f.isEmpty()) {
                resolved = NONE;
            } else if (f.get().kind() == EntryKind.SYMLINK && f.get().linkTarget().isPresent()) {
                if (links >= MAX_LINKS) return NONE; // not remembered: a shorter way here may still resolve
                String target = f.get().linkTarget().get();
                String base = target.startsWith("/") ? target : (parent.isEmpty() ? "" : "/" + parent) + "/" + target;
                Optional<ImagePath> t = ImagePath.normalise(base);
                resolved = t.isEmpty() ? NONE : folder(t.get().relative(), links + 1);
            } else {
                resolved = next;
            }
        }
        folders.put(listed, resolved);
        return resolved;
    }
}
