package io.strata.tree;

import io.strata.layer.EntryKind;
import io.strata.layer.LayerIndex;
import io.strata.model.Finding;
import io.strata.model.ImagePath;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The merged filesystem of one image: every visible path with the layer that owns it, and every hidden
 * version with the layer holding its bytes and the layer that hid it. Built by {@link OverlayMerger}.
 */
public final class FileTree {
    public static final int IMPLICIT = -1;
    static final int ABSENT = -1;

    private final List<LayerIndex> layers;
    private final LayerPaths paths;
    private final PathTable table;
    private final int[] ownerLayer;
    private final int[] ownerEntry;
    private final Map<Integer, Long> hardlinkContent;
    private final List<HiddenVersion> hidden;
    private final List<Finding> findings;

    FileTree(LayerPaths paths, int[] ownerLayer, int[] ownerEntry,
             Map<Integer, Long> hardlinkContent, List<HiddenVersion> hidden, List<Finding> findings) {
        this.layers = paths.layers();
        this.paths = paths;
        this.table = paths.table();
        this.ownerLayer = ownerLayer;
        this.ownerEntry = ownerEntry;
        this.hardlinkContent = Map.copyOf(hardlinkContent);
        this.hidden = List.copyOf(hidden);
        this.findings = List.copyOf(findings);
    }

    /** The interned paths of the layers, read only: dive's figures use them beside the tree. */
    public LayerPaths paths() {
        return paths;
    }

    public List<LayerIndex> layers() {
        return layers;
    }

    public List<HiddenVersion> hidden() {
        return hidden;
    }

    /** Spec violations met while stacking layers (duplicates in a layer, dangling hardlinks, ...). */
    public List<Finding> findings() {
        return findings;
    }

    /** The layers' own findings (each tagged with its layer) followed by the merge's. */
    public List<Finding> allFindings() {
        List<Finding> out = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            for (Finding f : layers.get(l).findings()) out.add(f.layer().isPresent() ? f : f.atLayer(l));
        }
        out.addAll(findings);
        return out;
    }

    public Optional<VisibleFile> lookup(String path) {
        Optional<ImagePath> p = ImagePath.normalise(path);
        return p.isEmpty() ? Optional.empty() : lookup(p.get());
    }

    /** A path already normalised: a pass over many paths (a package's file list) need not normalise it again. */
    public Optional<VisibleFile> lookup(ImagePath path) {
        int node = table.find(path.relative());
        if (node <= 0 || ownerLayer[node] == ABSENT) return Optional.empty();
        return Optional.of(file(node));
    }

    /** Every visible path except the root, sorted by path. */
    public List<VisibleFile> visible() {
        List<VisibleFile> out = new ArrayList<>();
        for (int node = 1; node < table.size(); node++) {
            if (ownerLayer[node] != ABSENT) out.add(file(node));
        }
        out.sort(Comparator.comparing(VisibleFile::path));
        return out;
    }

    /** A visible path's entry and content as numbers; see {@link #forEachVisibleEntry}. */
    @FunctionalInterface
    public interface EntryVisitor {
        void visit(int layer, int entry, int contentLayer, int contentEntry);
    }

    /**
     * Every visible path except the root, in no particular order and without building a record per path: the layer
     * and entry that wrote it ({@link #IMPLICIT} entry for an implied directory) and those holding its bytes (a
     * hardlink's target; {@link #IMPLICIT} when that is missing). For passes over 200,000 files that need a few
     * columns of each.
     */
    public void forEachVisibleEntry(EntryVisitor visitor) {
        for (int node = 1; node < table.size(); node++) {
            int layer = ownerLayer[node];
            if (layer == ABSENT) continue;
            int entry = ownerEntry[node];
            if (entry != IMPLICIT && layers.get(layer).kind(entry) == EntryKind.HARDLINK) {
                Long content = hardlinkContent.get(node);
                if (content == null) visitor.visit(layer, entry, layer, IMPLICIT);
                else visitor.visit(layer, entry, (int) (content >>> 32), (int) (long) content);
            } else {
                visitor.visit(layer, entry, layer, entry);
            }
        }
    }

    /** Visible direct children of a directory, sorted by name. */
    public List<VisibleFile> children(ImagePath dir) {
        int node = dir.isRoot() ? 0 : table.find(dir.relative());
        List<VisibleFile> out = new ArrayList<>();
        if (node < 0) return out;
        for (int c = table.firstChild(node); c >= 0; c = table.nextSibling(c)) {
            if (ownerLayer[c] != ABSENT) out.add(file(c));
        }
        out.sort(Comparator.comparing(VisibleFile::path));
        return out;
    }

    VisibleFile file(int node) {
        ImagePath path = new ImagePath(table.path(node));
        int layer = ownerLayer[node];
        int entry = ownerEntry[node];
        if (entry == IMPLICIT) {
            return new VisibleFile(path, EntryKind.DIR, 0755, 0, 0, 0, Optional.empty(), Optional.empty(), layer,
                    IMPLICIT, layer, IMPLICIT, 0, Map.of());
        }
        LayerIndex idx = layers.get(layer);
        EntryKind kind = idx.kind(entry);
        int contentLayer = layer;
        int contentEntry = entry;
        long size = idx.size(entry);
        var sha = idx.sha256(entry);
        if (kind == EntryKind.HARDLINK) {
            Long content = hardlinkContent.get(node);
            if (content != null) {
                contentLayer = (int) (content >>> 32);
                contentEntry = (int) (long) content;
                LayerIndex target = layers.get(contentLayer);
                size = target.size(contentEntry);
                sha = target.sha256(contentEntry);
            } else {
                contentEntry = IMPLICIT;
            }
        }
        return new VisibleFile(path, kind, idx.mode(entry), idx.uid(entry), idx.gid(entry), size,
                idx.linkTarget(entry), sha, layer, entry, contentLayer, contentEntry, idx.mtime(entry),
                idx.xattrs(entry));
    }
}
