package io.strata.packages;

import io.strata.layer.EntryKind;
import io.strata.model.ImagePath;
import io.strata.tree.FileTree;
import io.strata.tree.VisibleFile;

import java.util.Optional;

/**
 * Finds a path a package database lists in the merged tree. Databases name files where the package put them
 * ({@code /bin/ls}), while a merged-/usr image stores them under a symlinked folder ({@code /bin -> usr/bin}):
 * the folders on the way are followed inside the image root, never on the host, at most 40 links.
 */
final class Paths {
    private static final int MAX_LINKS = 40;

    private Paths() {
    }

    static Optional<VisibleFile> resolve(FileTree tree, String path) {
        Optional<VisibleFile> direct = tree.lookup(path);
        if (direct.isPresent()) return direct;
        Optional<ImagePath> p = ImagePath.normalise(path);
        if (p.isEmpty()) return Optional.empty();
        String rest = p.get().relative();
        String resolved = "";
        int links = 0;
        while (!rest.isEmpty()) {
            int slash = rest.indexOf('/');
            String segment = slash < 0 ? rest : rest.substring(0, slash);
            rest = slash < 0 ? "" : rest.substring(slash + 1);
            String next = resolved.isEmpty() ? segment : resolved + "/" + segment;
            if (rest.isEmpty()) return tree.lookup(next);
            Optional<VisibleFile> folder = tree.lookup(next);
            if (folder.isEmpty()) return Optional.empty();
            if (folder.get().kind() == EntryKind.SYMLINK && folder.get().linkTarget().isPresent()) {
                if (++links > MAX_LINKS) return Optional.empty();
                String target = folder.get().linkTarget().get();
                String base = target.startsWith("/") ? target : (resolved.isEmpty() ? "" : "/" + resolved) + "/" + target;
                Optional<ImagePath> t = ImagePath.normalise(base);
                if (t.isEmpty()) return Optional.empty();
                // restart from the link's target with what is left of the path
                rest = t.get().relative() + (rest.isEmpty() ? "" : (t.get().relative().isEmpty() ? "" : "/") + rest);
                resolved = "";
            } else {
                resolved = next;
            }
        }
        return Optional.empty();
    }
}
