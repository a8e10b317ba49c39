package io.strata.extract;

import io.strata.layer.EntryKind;
import io.strata.layer.LayerIndex;
import io.strata.model.ImagePath;
import io.strata.tree.FileTree;
import io.strata.tree.HiddenVersion;
import io.strata.tree.LayerStack;
import io.strata.tree.VisibleFile;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Finds which stored entry holds the bytes of a path: in the merged view, or as layer N stored it (also a version
 * a later layer deleted or overwrote). Links are resolved inside the image only.
 */
public final class FileLocator {
    private FileLocator() {
    }

    /** The path as the merged filesystem shows it. */
    public static ExtractTarget merged(FileTree tree, String path, boolean follow) throws ExtractException {
        VisibleFile f;
        try {
            f = RootResolver.resolve(tree, path, follow);
        } catch (ExtractException e) {
            throw new ExtractException(e.getMessage() + hint(tree, path));
        }
        return target(f, path);
    }

    /** The path as layer {@code n} stores it; links resolve in the filesystem as it stood after that layer. */
    public static ExtractTarget inLayer(LayerStack stack, int n, String path, boolean follow)
            throws ExtractException {
        List<LayerIndex> layers = stack.layers();
        if (n < 0 || n >= layers.size()) {
            throw new ExtractException("--layer " + n + ": the image has layers 0.." + (layers.size() - 1));
        }
        String rel = normalise(path);
        LayerIndex idx = layers.get(n);
        int entry = -1;
        for (int i = 0; i < idx.size(); i++) {
            if (!idx.kind(i).isWhiteout() && idx.path(i).equals(rel)) entry = i;
        }
        if (entry < 0) {
            throw new ExtractException("/" + rel + " is not stored in layer " + n + storedIn(layers, rel));
        }
        EntryKind kind = idx.kind(entry);
        if (kind == EntryKind.FILE) return ExtractTarget.bytesOf("/" + rel, n, entry);
        if (kind == EntryKind.SYMLINK && !follow) {
            return ExtractTarget.link("/" + rel, n, entry, idx.linkTarget(entry).orElse(""));
        }
        FileTree then = stack.firstLayers(n + 1);
        if (kind == EntryKind.SYMLINK) {
            String target = idx.linkTarget(entry).orElse("");
            String from = target.startsWith("/") ? target : new ImagePath(rel).parent().absolute() + "/" + target;
            return target(RootResolver.resolve(then, from, true), path);
        }
        if (kind == EntryKind.HARDLINK) {
            Optional<VisibleFile> v = then.lookup(rel);
            if (v.isPresent() && v.get().layer() == n && v.get().entry() == entry) return target(v.get(), path);
            throw new ExtractException("/" + rel + " in layer " + n + " is a hardlink whose target cannot be found");
        }
        throw new ExtractException("/" + rel + " in layer " + n + " is a " + kind.label() + ", not a regular file");
    }

    private static ExtractTarget target(VisibleFile f, String asked) throws ExtractException {
        return switch (f.kind()) {
            case FILE -> ExtractTarget.bytesOf(f.path().absolute(), f.layer(), f.entry());
            case HARDLINK -> {
                if (f.contentEntry() < 0) {
                    throw new ExtractException(f.path() + " is a hardlink to " + f.linkTarget().map(t -> "/" + t).orElse("?")
                            + ", which is not in the image");
                }
                yield ExtractTarget.bytesOf(f.path().absolute(), f.contentLayer(), f.contentEntry());
            }
            case SYMLINK -> ExtractTarget.link(f.path().absolute(), f.layer(), f.entry(), f.linkTarget().orElse(""));
            case DIR -> throw new ExtractException(asked + ": is a directory");
            default -> throw new ExtractException(asked + ": is a " + f.kind().label() + ", not a regular file");
        };
    }

    /** Says where a path that is not visible still sits, so the user can ask for that layer. */
    private static String hint(FileTree tree, String path) {
        String rel = normalise(path);
        TreeSet<Integer> deletedBy = new TreeSet<>();
        for (HiddenVersion h : tree.hidden()) {
            if (h.path().equals(rel)) deletedBy.add(h.hiddenBy());
        }
        if (deletedBy.isEmpty()) return "";
        return "; a later layer removed it (layer " + deletedBy.last() + ")" + storedIn(tree.layers(), rel);
    }

    private static String storedIn(List<LayerIndex> layers, String rel) {
        TreeSet<Integer> in = new TreeSet<>();
        for (int l = 0; l < layers.size(); l++) {
            LayerIndex idx = layers.get(l);
            for (int i = 0; i < idx.size(); i++) {
                if (!idx.kind(i).isWhiteout() && idx.path(i).equals(rel)) in.add(l);
            }
        }
        if (in.isEmpty()) return "";
        return "; stored in layer " + in.stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("")
                + " (use --layer " + in.last() + ")";
    }

    /** Like the image's own path rules, but ".." at the root stays at the root, as inside a chroot. */
    static String normalise(String path) {
        java.util.ArrayList<String> parts = new java.util.ArrayList<>();
        for (String s : path.split("/")) {
            if (s.isEmpty() || s.equals(".")) continue;
            if (s.equals("..")) {
                if (!parts.isEmpty()) parts.remove(parts.size() - 1);
            } else {
                parts.add(s);
            }
        }
        return String.join("/", parts);
    }
}
