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
    private List<AdvisedPackage> inventory = List.of();
    private java.util.Map<String, StoredVersion> visibleByPath;
    private java.util.Map<String, AdvisedPackage> owners = java.util.Map.of();

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

    /** The same facts with the image's package inventory (owners of visible files, why each is installed). */
    public ImageFacts withInventory(List<AdvisedPackage> packages) {
        this.inventory = List.copyOf(withFolderFiles(packages));
        java.util.Map<String, AdvisedPackage> byPath = new java.util.HashMap<>();
        for (AdvisedPackage p : inventory) for (String f : p.files()) byPath.putIfAbsent(f, p);
        this.owners = byPath;
        return this;
    }

    /**
     * Packages that own whole folders but list no files get the visible files below their folder, each file to the
     * package with the longest matching folder (a nested node_modules package owns its own folder).
     */
    private List<AdvisedPackage> withFolderFiles(List<AdvisedPackage> packages) {
        java.util.TreeMap<String, Integer> prefixes = new java.util.TreeMap<>();
        for (int i = 0; i < packages.size(); i++) {
            AdvisedPackage p = packages.get(i);
            if (p.files().isEmpty()) for (String prefix : p.ownedPrefixes()) prefixes.put(prefix, i);
        }
        if (prefixes.isEmpty()) return packages;
        List<List<String>> files = new ArrayList<>();
        long[] bytes = new long[packages.size()];
        packages.forEach(p -> files.add(new ArrayList<>()));
        for (StoredVersion v : versions) {
            if (!v.visible()) continue;
            String path = v.path();
            // the longest prefix of path among the folders: walk up its parent folders
            for (int slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
                Integer owner = prefixes.get(path.substring(0, slash + 1));
                if (owner == null) continue;
                files.get(owner).add(path);
                bytes[owner] += v.bytes();
                break;
            }
        }
        List<AdvisedPackage> out = new ArrayList<>();
        for (int i = 0; i < packages.size(); i++) {
            AdvisedPackage p = packages.get(i);
            out.add(p.files().isEmpty() && !p.ownedPrefixes().isEmpty() ? p.withFiles(files.get(i), bytes[i]) : p);
        }
        return out;
    }

    /** The installed packages of every ecosystem the inventory read; empty when none was given. */
    public List<AdvisedPackage> inventory() {
        return inventory;
    }

    /** A file a package ships that a rule would have flagged: shown per package, never counted. */
    record ShippedFile(AdvisedPackage pkg, String path, long bytes, String why) {
    }

    private final List<ShippedFile> shipped = new ArrayList<>();

    void shipped(AdvisedPackage pkg, String path, long bytes, String why) {
        shipped.add(new ShippedFile(pkg, path, bytes, why));
    }

    List<ShippedFile> shippedFiles() {
        return shipped;
    }

    /** The visible stored version of a path (relative), if it is a non-directory at the top. */
    Optional<StoredVersion> visibleVersion(String relativePath) {
        if (visibleByPath == null) {
            visibleByPath = new java.util.HashMap<>();
            for (StoredVersion v : versions) if (v.visible()) visibleByPath.put(v.path(), v);
        }
        return Optional.ofNullable(visibleByPath.get(relativePath));
    }

    /** The package that owns a visible path (relative), if the inventory says. */
    public Optional<AdvisedPackage> owner(String relativePath) {
        return Optional.ofNullable(owners.get(relativePath));
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
