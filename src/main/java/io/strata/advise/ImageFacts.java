package io.strata.advise;

import io.strata.layer.EntryKind;
import io.strata.layer.LayerIndex;
import io.strata.model.HistoryEntry;
import io.strata.tree.FileTree;
import io.strata.tree.HiddenVersion;
import io.strata.tree.VisibleFile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the rules look at: the merged tree, every stored version that is not a directory (visible or hidden),
 * the build history and the installed packages. Built once per image; the rules only read it.
 */
public final class ImageFacts {
    private final FileTree tree;
    private final List<HistoryEntry> history;
    private final List<Optional<String>> createdBy;
    private final InstalledPackages packages;
    private final List<VisibleFile> visibleFiles;
    private final List<StoredVersion> versions;
    private CopyUps copyUps;

    /**
     * @param history   the config's full history (empty_layer steps included), in build order
     * @param createdBy for each layer, the step that made it (see LayerAttribution)
     */
    public ImageFacts(FileTree tree, List<HistoryEntry> history, List<Optional<String>> createdBy,
                      InstalledPackages packages) {
        this(tree, tree.visible(), history, createdBy, packages);
    }

    /** As above, with {@code tree.visible()} already computed by the caller (it is not cheap on big trees). */
    public ImageFacts(FileTree tree, List<VisibleFile> visible, List<HistoryEntry> history,
                      List<Optional<String>> createdBy, InstalledPackages packages) {
        this.tree = tree;
        this.history = List.copyOf(history);
        this.createdBy = List.copyOf(createdBy);
        this.packages = packages;
        this.visibleFiles = visible;
        this.versions = collect(tree, visibleFiles);
    }

    private static List<StoredVersion> collect(FileTree tree, List<VisibleFile> visible) {
        List<StoredVersion> out = new ArrayList<>();
        Set<Long> sharedByLinks = new HashSet<>();
        for (VisibleFile f : visible) {
            if (f.kind() == EntryKind.DIR || f.entry() < 0) continue;
            if (f.kind() == EntryKind.HARDLINK && f.contentEntry() >= 0) sharedByLinks.add(f.inodeKey());
            long bytes = f.kind() == EntryKind.FILE ? f.size() : 0;
            out.add(new StoredVersion(f.path().relative(), f.layer(), f.entry(), f.kind(), bytes, -1, Optional.empty()));
        }
        List<LayerIndex> layers = tree.layers();
        for (HiddenVersion h : tree.hidden()) {
            LayerIndex idx = layers.get(h.layer());
            EntryKind kind = idx.kind(h.entry());
            if (kind == EntryKind.DIR || kind.isWhiteout()) continue;
            long bytes = kind == EntryKind.FILE && !sharedByLinks.contains(StoredVersion.key(h.layer(), h.entry()))
                    ? idx.size(h.entry()) : 0;
            out.add(new StoredVersion(h.path(), h.layer(), h.entry(), kind, bytes, h.hiddenBy(),
                    Optional.of(h.reason())));
        }
        return out;
    }

    public FileTree tree() {
        return tree;
    }

    public List<LayerIndex> layers() {
        return tree.layers();
    }

    public List<HistoryEntry> history() {
        return history;
    }

    public InstalledPackages packages() {
        return packages;
    }

    /** Visible paths (directories included), sorted by path. */
    public List<VisibleFile> visibleFiles() {
        return visibleFiles;
    }

    /** Every stored non-directory version: visible ones first (by path), then hidden ones in merge order. */
    public List<StoredVersion> versions() {
        return versions;
    }

    /** The metadata-only copy-ups of the image, found on first use. */
    CopyUps copyUps() {
        if (copyUps == null) copyUps = CopyUps.of(versions, layers());
        return copyUps;
    }

    /** The history step that made a layer, or "" when the history does not say. */
    public String createdBy(int layer) {
        return layer >= 0 && layer < createdBy.size() ? createdBy.get(layer).orElse("") : "";
    }

    public Advice.Step step(int layer) {
        return new Advice.Step(layer, createdBy(layer));
    }

    public long contentBytes(int layer) {
        return layers().get(layer).totals().contentBytes();
    }

    /** Sum of the layers' contentBytes (the image's logicalBytes). */
    public long logicalBytes() {
        long sum = 0;
        for (LayerIndex l : layers()) sum += l.totals().contentBytes();
        return sum;
    }
}
