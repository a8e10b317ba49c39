package io.strata.extract;

import io.strata.layer.EntryKind;
import io.strata.tree.FileTree;
import io.strata.tree.VisibleFile;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Resolves a path inside an image's merged filesystem as the kernel would inside a chroot: symlinks on the way
 * are followed (absolute targets restart at the image root, ".." stops at the root), never on the host, and a
 * chain longer than {@link #MAX_LINKS} (a loop) is an error, as ELOOP is.
 */
public final class RootResolver {
    /** Linux's limit on symlinks followed in one lookup. */
    public static final int MAX_LINKS = 40;

    private RootResolver() {
    }

    /** The visible file at {@code path}; with {@code followLast} a symlink at the end is followed too. */
    public static VisibleFile resolve(FileTree tree, String path, boolean followLast) throws ExtractException {
        Deque<String> pending = new ArrayDeque<>(components(path));
        List<String> resolved = new ArrayList<>();
        VisibleFile current = null;
        int links = 0;
        while (!pending.isEmpty()) {
            String c = pending.pollFirst();
            if (c.equals("..")) {
                if (!resolved.isEmpty()) resolved.remove(resolved.size() - 1);
                current = null;
                continue;
            }
            String candidate = join(resolved, c);
            Optional<VisibleFile> found = tree.lookup(candidate);
            if (found.isEmpty()) {
                throw new ExtractException("/" + candidate + ": no such file or directory in the image"
                        + (links > 0 ? " (following the symlinks of " + path + ")" : ""));
            }
            VisibleFile f = found.get();
            boolean last = pending.isEmpty();
            if (f.kind() == EntryKind.SYMLINK && (!last || followLast)) {
                if (++links > MAX_LINKS) {
                    throw new ExtractException(path + ": too many levels of symbolic links (a loop, or a chain of more than "
                            + MAX_LINKS + ")");
                }
                String target = f.linkTarget().orElse("");
                if (target.isEmpty()) throw new ExtractException("/" + candidate + ": symlink with an empty target");
                if (target.startsWith("/")) resolved.clear();
                List<String> parts = components(target);
                for (int i = parts.size() - 1; i >= 0; i--) pending.addFirst(parts.get(i));
                current = null;
                continue;
            }
            if (!last && f.kind() != EntryKind.DIR) {
                throw new ExtractException("/" + candidate + ": not a directory (in " + path + ")");
            }
            resolved.add(c);
            current = f;
        }
        if (current != null) return current;
        if (resolved.isEmpty()) throw new ExtractException(path + ": is a directory (the image root)");
        String dir = String.join("/", resolved);
        return tree.lookup(dir).orElseThrow(() -> new ExtractException("/" + dir + ": no such file or directory"));
    }

    private static List<String> components(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty() && !s.equals(".")) out.add(s);
        }
        return out;
    }

    private static String join(List<String> parts, String last) {
        return parts.isEmpty() ? last : String.join("/", parts) + "/" + last;
    }
}
