package io.strata.report;

import io.strata.layer.EntryKind;
import io.strata.tree.VisibleFile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The final filesystem as a bounded tree for the report's treemap. Directories are opened biggest first until
 * {@code maxNodes} nodes are used; a directory's children too small to draw (or beyond the budget) fold into one
 * "smaller items" node, and directories never opened stay as one block. So 200,000 files become a few thousand
 * nodes. Each node carries its bytes, its file count and the layer that contributed most of its bytes.
 */
public final class TreemapBuilder {
    /**
     * One node: name, bytes, files, dominant layer, children (empty for a leaf); {@code more} = not opened;
     * {@code owner} the package that owns most of its bytes, empty when files no package lists hold most of them.
     */
    public record Node(String name, long bytes, int files, int layer, List<Node> children, boolean folded,
                       boolean more, java.util.Optional<String> owner) {
        public Node(String name, long bytes, int files, int layer, List<Node> children, boolean folded, boolean more) {
            this(name, bytes, files, layer, children, folded, more, java.util.Optional.empty());
        }
    }

    /** Directories deeper than this stay one block: the page recurses over the tree. */
    private static final int MAX_DEPTH = 48;

    private final int layerCount;
    // directories
    private final List<String> dirName = new ArrayList<>();
    private final List<Integer> dirParent = new ArrayList<>();
    private final List<List<Integer>> subdirs = new ArrayList<>();
    private final List<List<Integer>> dirFiles = new ArrayList<>();
    private long[] dirBytes;
    private int[] dirCount;
    private final Map<String, Integer> dirIndex = new HashMap<>();
    // files
    private final List<String> fileName = new ArrayList<>();
    private final List<Integer> fileDir = new ArrayList<>();
    private long[] fileBytes = new long[1024];
    private int[] fileLayer = new int[1024];
    /** Per file, its owner's number in {@code owners}, or -1 (no package lists it). */
    private int[] fileOwner = new int[1024];
    private final List<String> owners = new ArrayList<>();
    private final Map<String, Integer> ownerNumbers = new HashMap<>();

    private TreemapBuilder(int layerCount) {
        this.layerCount = Math.max(1, layerCount);
        dir("", -1, "/");
    }

    /**
     * Builds the bounded tree. A regular file counts its size once per inode (a second hardlinked name counts 0),
     * so the root holds the squashed bytes of regular files.
     */
    public static Node build(List<VisibleFile> visible, int layerCount, int maxNodes, double minShare) {
        return build(visible, layerCount, maxNodes, minShare, path -> java.util.Optional.empty());
    }

    /**
     * The same, each node also naming the package that owns most of its bytes; {@code ownerOf} gives a visible
     * file's owning package (by its relative path) from the image's package inventory.
     */
    public static Node build(List<VisibleFile> visible, int layerCount, int maxNodes, double minShare,
                             java.util.function.Function<String, java.util.Optional<String>> ownerOf) {
        TreemapBuilder b = new TreemapBuilder(layerCount);
        Set<Long> inodes = new HashSet<>();
        for (VisibleFile f : visible) {
            if (f.kind() == EntryKind.DIR) {
                b.dirOf(f.path().relative());
                continue;
            }
            long bytes = f.isRegularContent() && f.contentEntry() >= 0 && inodes.add(f.inodeKey()) ? f.size() : 0;
            b.file(f.path().relative(), bytes, f.layer(), ownerOf.apply(f.path().relative()).orElse(null));
        }
        return b.select(maxNodes, minShare);
    }

    private int dir(String path, int parent, String name) {
        int i = dirName.size();
        dirName.add(name);
        dirParent.add(parent);
        subdirs.add(new ArrayList<>());
        dirFiles.add(new ArrayList<>());
        dirIndex.put(path, i);
        if (parent >= 0) subdirs.get(parent).add(i);
        return i;
    }

    /** The directory node of a path, creating it and its missing ancestors (iteratively: paths may be deep). */
    private int dirOf(String path) {
        Integer known = dirIndex.get(path);
        if (known != null) return known;
        List<String> missing = new ArrayList<>();
        String p = path;
        while (known == null) {
            missing.add(p);
            int slash = p.lastIndexOf('/');
            p = slash < 0 ? "" : p.substring(0, slash);
            known = dirIndex.get(p);
        }
        int parent = known;
        for (int i = missing.size() - 1; i >= 0; i--) {
            String m = missing.get(i);
            int slash = m.lastIndexOf('/');
            parent = dir(m, parent, slash < 0 ? m : m.substring(slash + 1));
        }
        return parent;
    }

    private void file(String path, long bytes, int layer, String owner) {
        int slash = path.lastIndexOf('/');
        int d = dirOf(slash < 0 ? "" : path.substring(0, slash));
        int i = fileName.size();
        if (i == fileBytes.length) {
            fileBytes = java.util.Arrays.copyOf(fileBytes, i * 2);
            fileLayer = java.util.Arrays.copyOf(fileLayer, i * 2);
            fileOwner = java.util.Arrays.copyOf(fileOwner, i * 2);
        }
        fileOwner[i] = owner == null ? -1 : ownerNumbers.computeIfAbsent(owner, o -> {
            owners.add(o);
            return owners.size() - 1;
        });
        fileName.add(slash < 0 ? path : path.substring(slash + 1));
        fileDir.add(d);
        fileBytes[i] = bytes;
        fileLayer[i] = layer;
        dirFiles.get(d).add(i);
    }

    /** Sums bytes and files up the directories (children always have higher indexes than their parents). */
    private void total() {
        int n = dirName.size();
        dirBytes = new long[n];
        dirCount = new int[n];
        for (int i = 0; i < fileName.size(); i++) {
            dirBytes[fileDir.get(i)] += fileBytes[i];
            dirCount[fileDir.get(i)]++;
        }
        for (int d = n - 1; d > 0; d--) {
            dirBytes[dirParent.get(d)] += dirBytes[d];
            dirCount[dirParent.get(d)] += dirCount[d];
        }
    }

    /** A draft node during selection: either a directory, a file, or a fold of a directory's small children. */
    private static final class Draft {
        final String name;
        final int dir;      // directory index, or -1
        final int file;     // file index, or -1
        final List<Draft> children = new ArrayList<>();
        final long[] layerBytes;
        /** Bytes per owner number; key -1 for files no package lists. Empty when the image has no packages. */
        final Map<Integer, Long> ownerBytes = new HashMap<>();
        long bytes;
        int files;
        boolean opened;
        boolean folded;
        int depth;

        Draft(String name, int dir, int file, int layers) {
            this.name = name;
            this.dir = dir;
            this.file = file;
            this.layerBytes = new long[layers];
        }
    }

    private Node select(int maxNodes, double minShare) {
        total();
        Draft root = new Draft("/", 0, -1, layerCount);
        root.bytes = dirBytes[0];
        root.files = dirCount[0];
        Map<Integer, Draft> draftOfDir = new HashMap<>();
        Map<Integer, Draft> foldOfDir = new HashMap<>();
        Map<Integer, Draft> draftOfFile = new HashMap<>();
        draftOfDir.put(0, root);
        // a tree that fits the budget is shown whole; a bigger one drops what is too small to see
        boolean fitsWhole = dirName.size() + fileName.size() <= maxNodes;
        long minBytes = fitsWhole ? 0 : (long) Math.ceil(dirBytes[0] * minShare);
        PriorityQueue<Draft> open = new PriorityQueue<>(Comparator.comparingLong((Draft d) -> d.bytes).reversed());
        open.add(root);
        int used = 1;
        while (!open.isEmpty() && used < maxNodes) {
            Draft d = open.poll();
            d.opened = true;
            List<long[]> kids = new ArrayList<>(); // {bytes, kind (0 dir, 1 file), index}
            for (int s : subdirs.get(d.dir)) kids.add(new long[]{dirBytes[s], 0, s});
            for (int f : dirFiles.get(d.dir)) kids.add(new long[]{fileBytes[f], 1, f});
            kids.sort(Comparator.comparingLong((long[] k) -> k[0]).reversed()
                    .thenComparing(k -> k[1] == 0 ? dirName.get((int) k[2]) : fileName.get((int) k[2])));
            Draft fold = null;
            for (long[] k : kids) {
                int idx = (int) k[2];
                boolean fits = used < maxNodes - 1 && (fitsWhole || k[0] >= minBytes && k[0] > 0 || kids.size() <= 8);
                if (fits) {
                    Draft c = k[1] == 0 ? new Draft(dirName.get(idx), idx, -1, layerCount)
                            : new Draft(fileName.get(idx), -1, idx, layerCount);
                    c.bytes = k[0];
                    c.files = k[1] == 0 ? dirCount[idx] : 1;
                    c.depth = d.depth + 1;
                    d.children.add(c);
                    used++;
                    if (k[1] == 0) {
                        draftOfDir.put(idx, c);
                        boolean hasChildren = !subdirs.get(idx).isEmpty() || !dirFiles.get(idx).isEmpty();
                        if (hasChildren && c.depth < MAX_DEPTH) open.add(c);
                    } else {
                        draftOfFile.put(idx, c);
                    }
                } else {
                    if (fold == null) {
                        fold = new Draft("", -1, -1, layerCount);
                        fold.folded = true;
                        d.children.add(fold);
                        foldOfDir.put(d.dir, fold);
                        used++;
                    }
                    fold.bytes += k[0];
                    fold.files += k[1] == 0 ? dirCount[idx] : 1;
                }
            }
        }
        // each file's bytes go to the node that shows it: itself, a fold, or the unopened directory holding it
        for (int f = 0; f < fileName.size(); f++) {
            Draft target = draftOfFile.get(f);
            for (int d = fileDir.get(f); target == null; d = dirParent.get(d)) {
                Draft dd = draftOfDir.get(d);
                if (dd != null) target = dd.opened ? foldOfDir.get(d) : dd;
            }
            int layer = Math.min(Math.max(fileLayer[f], 0), layerCount - 1);
            target.layerBytes[layer] += fileBytes[f] + 1; // +1: a tree of empty files still has an owner
            if (!owners.isEmpty()) target.ownerBytes.merge(fileOwner[f], fileBytes[f] + 1, Long::sum);
        }
        return freeze(root, owners);
    }

    private static Node freeze(Draft d, List<String> owners) {
        List<Node> children = new ArrayList<>();
        for (Draft c : d.children) {
            Node n = freeze(c, owners);
            children.add(n);
        }
        for (Draft c : d.children) {
            for (int l = 0; l < d.layerBytes.length; l++) d.layerBytes[l] += c.layerBytes[l];
            c.ownerBytes.forEach((o, bytes) -> d.ownerBytes.merge(o, bytes, Long::sum));
        }
        // the owner of most bytes (ties: the lower number, so the page is the same every run)
        int owner = -1;
        long most = -1;
        for (Map.Entry<Integer, Long> e : new java.util.TreeMap<>(d.ownerBytes).entrySet()) {
            if (e.getValue() > most) {
                most = e.getValue();
                owner = e.getKey();
            }
        }
        java.util.Optional<String> ownerName = owner < 0 ? java.util.Optional.empty() : java.util.Optional.of(owners.get(owner));
        int best = 0;
        for (int l = 1; l < d.layerBytes.length; l++) if (d.layerBytes[l] > d.layerBytes[best]) best = l;
        String name = d.folded ? d.files + " smaller item" + (d.files == 1 ? "" : "s") : d.name;
        boolean more = d.dir >= 0 && !d.opened && d.files > 0;
        return new Node(name, d.bytes, d.files, best, children, d.folded, more, ownerName);
    }

    /** The tree as compact JSON-ready maps: {n, nBytes?, s, f, l, c?, o? (folded), m? (not opened)}. */
    public static Map<String, Object> json(Node n) {
        return json(n, null);
    }

    /**
     * The same, with {@code p}: the owning package's number in {@code owners}, which this fills in order of first
     * appearance (so each package name is written once, not once per block).
     */
    public static Map<String, Object> json(Node n, Map<String, Integer> owners) {
        Map<String, Object> m = JsonOutput.object();
        JsonOutput.putName(m, "n", n.name()); // nBytes: the exact name when it is not valid UTF-8
        m.put("s", n.bytes());
        m.put("f", n.files());
        m.put("l", n.layer());
        if (owners != null && n.owner().isPresent()) {
            m.put("p", owners.computeIfAbsent(n.owner().get(), o -> owners.size()));
        }
        if (!n.children().isEmpty()) m.put("c", n.children().stream().map(c -> json(c, owners)).toList());
        if (n.folded()) m.put("o", 1);
        if (n.more()) m.put("m", 1);
        return m;
    }
}
