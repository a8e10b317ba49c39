package io.strata.packages;

import io.strata.layer.Capture;
import io.strata.layer.CodeFingerprint;
import io.strata.layer.EntryKind;
import io.strata.layer.LayerIndex;
import io.strata.model.Finding;
import io.strata.model.ImagePath;
import io.strata.tree.FileTree;
import io.strata.tree.HiddenVersion;
import io.strata.tree.VisibleFile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds an image's {@link Inventory} from what the layer scans captured, without reading any blob again. The
 * captured files are stacked layer by layer (whiteouts and opaque folders applied), so each layer's own version of
 * the databases is known: a reader runs again on the stack up to every layer that changed one of its files, and
 * a package's {@code layer} is where it appears, its {@code lastChangedLayer} the last where its entry changed.
 * The top of the stack is the merged filesystem's view.
 */
public final class PackageInventory {
    private final FileTree tree;
    private final List<PackageLayer> layers;
    private final List<DatabaseReader> readers;
    private final NavigableMap<String, byte[]> files = new TreeMap<>();
    private final NavigableMap<String, byte[]> inspected = new TreeMap<>();
    /** Per reader (and one more slot for the artifacts), its packages by key, as of the last layer stacked. */
    private final List<Map<String, Tracked>> current = new ArrayList<>();
    private final List<List<Finding>> lastFindings = new ArrayList<>();

    private record Tracked(DeclaredPackage pkg, int first, int lastChanged) {
    }

    private PackageInventory(FileTree tree, List<PackageLayer> layers, List<DatabaseReader> readers) {
        this.tree = tree;
        this.layers = layers;
        this.readers = readers;
        for (int i = 0; i <= readers.size(); i++) {
            current.add(new LinkedHashMap<>());
            lastFindings.add(List.of());
        }
    }

    /** The inventory of every reader Strata has (what {@link PackageCapture#all} captures). */
    public static Inventory of(FileTree tree, List<Optional<String>> createdBy) {
        return of(tree, createdBy, PackageReaders.databases());
    }

    public static Inventory of(FileTree tree, List<Optional<String>> createdBy, List<DatabaseReader> readers) {
        List<PackageLayer> layers = layers(tree.layers(), createdBy);
        PackageInventory b = new PackageInventory(tree, layers, readers);
        for (int l = 0; l < layers.size(); l++) b.stack(l);
        return b.build();
    }

    /** The image's layers as an inventory names them: position, diffId and the history step that made each. */
    public static List<PackageLayer> layers(List<LayerIndex> scanned, List<Optional<String>> createdBy) {
        List<PackageLayer> layers = new ArrayList<>();
        for (int l = 0; l < scanned.size(); l++) {
            layers.add(new PackageLayer(l, scanned.get(l).totals().diffId(),
                    l < createdBy.size() ? createdBy.get(l) : Optional.empty()));
        }
        return layers;
    }

    /**
     * What an inventory kept between runs must have been built by: the codec's version and the code that builds it
     * from the layers' captures (this package, the merged tree, the model values). The readers' and scanner's code is
     * in each layer's cache key already.
     */
    public static String codeFingerprint() {
        return CodeHolder.VALUE;
    }

    private static final class CodeHolder {
        static final String VALUE = "inventory v" + InventoryCodec.VERSION
                + " packages=" + CodeFingerprint.ofPackage(PackageInventory.class)
                + " tree=" + CodeFingerprint.ofPackage(FileTree.class)
                + " model=" + CodeFingerprint.ofPackage(ImagePath.class);
    }

    /** Applies layer l to the captured view, then re-reads what it changed. */
    private void stack(int l) {
        LayerIndex index = tree.layers().get(l);
        Set<String> changed = new TreeSet<>();
        boolean artifactsChanged = false;
        if (!files.isEmpty() || !inspected.isEmpty()) artifactsChanged = removeHidden(index, changed);
        for (Capture c : index.captures()) {
            changed.add(c.path());
            if (c.type() == Capture.Type.FILE) files.put(c.path(), c.bytes());
            else files.remove(c.path());
            if (c.type() == Capture.Type.INSPECTED) inspected.put(c.path(), c.bytes());
            artifactsChanged |= c.type() == Capture.Type.INSPECTED ? true : inspected.remove(c.path()) != null;
        }
        CapturedFiles view = null;
        for (int r = 0; r < readers.size() && !changed.isEmpty(); r++) {
            DatabaseReader reader = readers.get(r);
            if (changed.stream().noneMatch(reader::captures)) continue;
            if (view == null) view = new CapturedFiles(files);
            List<Finding> found = new ArrayList<>();
            List<DeclaredPackage> read = reader.read(view, found);
            lastFindings.set(r, found);
            track(r, read, l);
        }
        if (artifactsChanged) {
            List<DeclaredPackage> artifacts = new ArrayList<>();
            for (byte[] record : inspected.values()) DeclaredPackageCodec.decode(record).ifPresent(artifacts::addAll);
            track(readers.size(), artifacts, l);
        }
    }

    /** Whiteouts and opaque markers of the layer delete captured files of lower layers. */
    private boolean removeHidden(LayerIndex index, Set<String> changed) {
        boolean artifacts = false;
        for (int i = 0; i < index.size(); i++) {
            EntryKind kind = index.kind(i);
            if (kind != EntryKind.WHITEOUT && kind != EntryKind.OPAQUE) continue;
            String path = new ImagePath(index.path(i)).absolute();
            String below = path.equals("/") ? "/" : path + "/";
            for (NavigableMap<String, byte[]> m : List.of(files, inspected)) {
                int before = m.size();
                if (kind == EntryKind.WHITEOUT && m.remove(path) != null) changed.add(path);
                NavigableMap<String, byte[]> under = m.subMap(below, true, below + Character.MAX_VALUE, true);
                changed.addAll(under.keySet());
                under.clear();
                if (m == inspected && m.size() != before) artifacts = true;
            }
        }
        return artifacts;
    }

    private static String key(DeclaredPackage p) {
        return p.ecosystem().wire() + "\u0000" + p.name() + "\u0000" + p.arch().orElse("") + "\u0000" + p.location();
    }

    private void track(int slot, List<DeclaredPackage> read, int layer) {
        Map<String, Tracked> before = current.get(slot);
        Map<String, Tracked> now = new LinkedHashMap<>();
        for (DeclaredPackage p : read) {
            String k = key(p);
            Tracked old = before.get(k);
            if (old == null) now.put(k, new Tracked(p, layer, layer));
            else if (!old.pkg().version().equals(p.version()) || !old.pkg().files().equals(p.files())) {
                now.put(k, new Tracked(p, old.first(), layer));
            } else {
                now.put(k, new Tracked(p, old.first(), old.lastChanged()));
            }
        }
        current.set(slot, now);
    }

    private Inventory build() {
        Optional<Purls.Distro> distro = PackageCapture.OS_RELEASE.stream().map(files::get).filter(b -> b != null)
                .findFirst().flatMap(OsRelease::parse);
        List<Tracked> all = new ArrayList<>();
        for (Map<String, Tracked> m : current) all.addAll(m.values());
        all.sort(Comparator.comparing((Tracked t) -> t.pkg().ecosystem().ordinal())
                .thenComparing(t -> t.pkg().name()).thenComparing(t -> t.pkg().arch().orElse(""))
                .thenComparing(t -> t.pkg().location()));
        Map<String, Set<String>> requiredBy = new HashMap<>();
        Map<String, Set<String>> recommendedBy = new HashMap<>();
        Set<String> installed = new HashSet<>();
        for (Tracked t : all) installed.add(t.pkg().ecosystem().wire() + "/" + t.pkg().name());
        for (Tracked t : all) {
            DeclaredPackage p = t.pkg();
            String eco = p.ecosystem().wire() + "/";
            for (String d : p.depends()) {
                if (installed.contains(eco + d)) requiredBy.computeIfAbsent(eco + d, k -> new TreeSet<>()).add(p.name());
            }
            for (String d : p.recommends()) {
                if (installed.contains(eco + d)) recommendedBy.computeIfAbsent(eco + d, k -> new TreeSet<>()).add(p.name());
            }
        }
        Map<String, Long> hidden = hiddenBytes();
        Set<String> prefixes = new HashSet<>();
        for (Tracked t : all) prefixes.addAll(t.pkg().ownedPrefixes());
        Paths paths = new Paths(tree);
        List<InstalledPackage> out = new ArrayList<>();
        for (Tracked t : all) {
            DeclaredPackage p = t.pkg();
            List<String> owned = new ArrayList<>();
            long bytes = 0;
            long hiddenBytes = 0;
            Set<Long> inodes = new HashSet<>();
            List<String> candidates = new ArrayList<>(p.files());
            for (String prefix : p.ownedPrefixes()) underPrefix(prefix, prefix, prefixes, candidates);
            if (!p.ownedPrefixes().isEmpty()) candidates = new ArrayList<>(new java.util.LinkedHashSet<>(candidates));
            TreeSet<String> listed = null;
            for (String declared : candidates) {
                Optional<VisibleFile> f = paths.resolve(declared);
                if (f.isEmpty() || f.get().kind() == EntryKind.DIR) continue;
                VisibleFile v = f.get();
                // a folder of the package that the image made a symlink (merged /usr: /bin -> usr/bin) is not its file
                if (v.kind() == EntryKind.SYMLINK) {
                    if (listed == null) listed = new TreeSet<>(candidates);
                    String under = listed.ceiling(declared + "/");
                    if (under != null && under.startsWith(declared + "/")) continue;
                }
                owned.add(v.path().absolute());
                if (v.isRegularContent()) {
                    if (inodes.add(v.inodeKey())) bytes += v.size();
                } else if (v.kind() == EntryKind.SYMLINK) {
                    bytes += v.linkTarget().map(s -> s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                            .orElse(0);
                }
                hiddenBytes += hidden.getOrDefault(v.path().relative(), 0L);
            }
            String label = p.ecosystem().wire() + "/" + p.name();
            InstalledPackage pkg = new InstalledPackage(p, Purls.of(p, distro).orElse(""), layers.get(t.first()),
                    layers.get(t.lastChanged()), owned, bytes, hiddenBytes,
                    List.copyOf(requiredBy.getOrDefault(label, Set.of())),
                    List.copyOf(recommendedBy.getOrDefault(label, Set.of())));
            out.add(pkg);
        }
        List<Finding> findings = new ArrayList<>();
        for (List<Finding> f : lastFindings) findings.addAll(f);
        return Inventory.of(out, findings);
    }

    /**
     * The visible files below a folder a package owns whole (an npm package's folder), leaving out the folders
     * another package owns (a nested {@code node_modules/x/}): the longest owned prefix wins.
     */
    private void underPrefix(String folder, String own, Set<String> prefixes, List<String> out) {
        Optional<ImagePath> dir = ImagePath.normalise(folder);
        if (dir.isEmpty()) return;
        for (VisibleFile f : tree.children(dir.get())) {
            String path = f.path().absolute();
            if (f.kind() == EntryKind.DIR) {
                String sub = path + "/";
                if (!sub.equals(own) && prefixes.contains(sub)) continue;
                underPrefix(sub, own, prefixes, out);
            } else {
                out.add(path);
            }
        }
    }

    /** Bytes of hidden regular-file versions per path (relative), summed over the lower layers that store them. */
    private Map<String, Long> hiddenBytes() {
        Map<String, Long> out = new HashMap<>();
        for (HiddenVersion h : tree.hidden()) {
            LayerIndex idx = tree.layers().get(h.layer());
            if (h.entry() < 0 || idx.kind(h.entry()) != EntryKind.FILE) continue;
            out.merge(h.path(), idx.size(h.entry()), Long::sum);
        }
        return out;
    }
}
