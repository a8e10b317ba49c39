package io.strata.analysis.waste;

import io.strata.layer.EntryKind;
import io.strata.layer.LayerIndex;
import io.strata.tree.LayerPaths;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reproduces dive's efficiency figures (filetree/efficiency.go, image/analysis.go) on scanned layers, quirks
 * included, because users compare them with dive's: each layer becomes a tree of its own entries (opaque
 * markers dropped, whiteouts kept as ".wh.NAME" nodes, directories only implied by deeper paths carry no
 * attributes); in layer order every leaf is an occurrence of its path (a whiteout counts under the path it
 * deletes). An occurrence's size is the entry's header size, except for a whiteout: the total header size of
 * the subtree below that path in the layers beneath when that path is a directory there, else 0. A whiteout
 * of a path not there makes dive stop visiting the rest of that layer; so does this.
 */
public final class DiveEfficiency {
    private static final String WHITEOUT = ".wh.";

    private DiveEfficiency() {
    }

    /** Sums over every path dive saw: its smallest occurrences, all occurrences, and the paths seen twice or more. */
    record Tally(long minimum, long discovered, long wasted, List<DivePath> inefficient) {
    }

    public static DiveFigures compute(List<LayerIndex> layers) {
        return compute(LayerPaths.of(layers));
    }

    /** dive's figures of the layers of {@code paths}. */
    public static DiveFigures compute(LayerPaths paths) {
        List<LayerIndex> layers = paths.layers();
        Tally t = DivePathTally.tally(paths).orElseGet(() -> tallyByTreeWalk(layers));
        List<DivePath> inefficient = new ArrayList<>(t.inefficient());
        inefficient.sort(Comparator.comparingLong(DivePath::cumulativeBytes).reversed()
                .thenComparing(DivePath::path));
        double score = t.discovered() == 0 ? 1.0 : (double) t.minimum() / (double) t.discovered();
        long size = 0;
        long userSize = 0;
        for (int i = 0; i < layers.size(); i++) {
            long s = headerBytes(layers.get(i));
            size += s;
            if (i != 0) userSize += s;
        }
        return new DiveFigures(score, t.wasted(), (double) t.wasted() / (double) userSize, size, userSize,
                inefficient);
    }

    /** dive's own way: each layer's tree walked in dive's order; for layers where that order matters. */
    static Tally tallyByTreeWalk(List<LayerIndex> layers) {
        Map<String, long[]> byPath = new HashMap<>(); // path -> {cumulative, minimum, count}
        Node stacked = new Node("");
        for (int i = 0; i < layers.size(); i++) {
            // one layer's tree at a time: it is visited, stacked, and dropped
            Node tree = layerTree(layers.get(i));
            // dive stacks layers 0..i-1 for a whiteout's size; for layer 0 that is layer 0 itself
            Node below = i == 0 ? tree : stacked;
            visitLeaves(tree, below, byPath);
            stack(stacked, tree);
        }
        long minimum = 0;
        long discovered = 0;
        long wasted = 0;
        List<DivePath> inefficient = new ArrayList<>();
        for (Map.Entry<String, long[]> e : byPath.entrySet()) {
            long[] d = e.getValue();
            minimum += d[1];
            discovered += d[0];
            if (d[2] >= 2) {
                wasted += d[0];
                inefficient.add(new DivePath(e.getKey(), (int) d[2], d[0]));
            }
        }
        return new Tally(minimum, discovered, wasted, inefficient);
    }

    /** dive's layer size: the sum of its entries' tar header sizes (a regular file's bytes; links count 0). */
    static long headerBytes(LayerIndex l) {
        long s = 0;
        for (int i = 0; i < l.size(); i++) if (l.kind(i) == EntryKind.FILE) s += l.size(i);
        return s;
    }

    private static Node layerTree(LayerIndex l) {
        Node root = new Node("");
        for (int i = 0; i < l.size(); i++) {
            String path = l.path(i);
            EntryKind kind = l.kind(i);
            if (kind == EntryKind.OPAQUE) {
                // dive drops the marker, but the folders on its way are created
                if (!path.isEmpty()) root.addPath(path, null);
                continue;
            }
            if (path.isEmpty()) continue; // dive skips "." (the root entry)
            if (kind == EntryKind.WHITEOUT) {
                int slash = path.lastIndexOf('/');
                path = path.substring(0, slash + 1) + WHITEOUT + path.substring(slash + 1);
            }
            root.addPath(path, new Payload(kind == EntryKind.FILE ? l.size(i) : 0, kind == EntryKind.DIR));
        }
        return root;
    }

    /**
     * Every leaf of a layer's tree is an occurrence of its path, visited as dive does (children before parents,
     * siblings in Go's string order). The tree below is walked alongside, so a whiteout finds what it deletes
     * without a lookup from the root.
     */
    private static void visitLeaves(Node layer, Node below, Map<String, long[]> byPath) {
        try {
            walk(layer, below, false, (node, belowParent, path) -> {
                if (node.children != null) return;
                long size;
                if (node.isWhiteout()) {
                    Node previous = belowParent == null ? null : belowParent.child(node.name.substring(WHITEOUT.length()));
                    if (previous == null) throw new StopLayer();
                    size = previous.payload.isDir ? previous.subtreeBytes() : 0;
                } else {
                    size = node.payload.size;
                }
                long[] d = byPath.computeIfAbsent(path, k -> new long[]{0, -1, 0});
                d[0] += size;
                if (d[1] < 0 || size < d[1]) d[1] = size;
                d[2]++;
            });
        } catch (StopLayer stop) {
            // dive logs the error and goes on with the next layer
        }
    }

    /**
     * dive's FileTree.Stack: whiteouts remove, anything else is added (a payload replaces, children stay). The
     * lower tree is walked alongside and grown where the upper one goes.
     */
    private static void stack(Node lower, Node upper) {
        walk(upper, lower, true, (node, lowerParent, path) -> {
            if (node.isWhiteout()) {
                lowerParent.removeChild(node.name.substring(WHITEOUT.length()));
            } else {
                lowerParent.childOrNew(node.name).payload = node.payload;
            }
        });
    }

    private interface Visit {
        /** {@code other} is the node of the other tree at the visited node's parent (null where it has none). */
        void accept(Node node, Node other, String path);
    }

    /**
     * Depth first, children before their parent, siblings in Go's order; the root itself is not visited. Walks a
     * second tree alongside, creating its nodes on the way when {@code grow} (as dive's AddPath does). The path
     * handed to the visitor is the node's, relative, with a whiteout's prefix taken off its last segment.
     * Iterative: layers may nest thousands of levels deep.
     */
    private static void walk(Node root, Node otherRoot, boolean grow, Visit visit) {
        ArrayDeque<Frame> stack = new ArrayDeque<>();
        stack.push(new Frame(root, otherRoot, ""));
        while (!stack.isEmpty()) {
            Frame top = stack.peek();
            Node[] kids = top.node.sortedChildren();
            if (top.next < kids.length) {
                Node c = kids[top.next++];
                if (c.children != null) {
                    Node otherChild = top.other == null ? null
                            : grow ? top.other.childOrNew(c.name) : top.other.child(c.name);
                    stack.push(new Frame(c, otherChild, join(top.path, c.name)));
                } else {
                    visit.accept(c, top.other, join(top.path, c.visibleName()));
                }
            } else {
                stack.pop();
                Frame parent = stack.peek();
                if (parent != null) visit.accept(top.node, parent.other, join(parent.path, top.node.visibleName()));
            }
        }
    }

    private static String join(String parent, String name) {
        return parent.isEmpty() ? name : parent + "/" + name;
    }

    private static final class Frame {
        final Node node;
        final Node other;
        final String path;
        int next;

        Frame(Node node, Node other, String path) {
            this.node = node;
            this.other = other;
            this.path = path;
        }
    }

    private record Payload(long size, boolean isDir) {
        static final Payload NONE = new Payload(0, false);
    }

    private static final class StopLayer extends RuntimeException {
        StopLayer() {
            super(null, null, false, false);
        }
    }

    /** One node of dive's tree; children in a hash map, sorted as Go sorts strings (by code points) when walked. */
    private static final class Node {
        private static final Node[] NONE = new Node[0];
        final String name;
        HashMap<String, Node> children;
        private Node[] sorted;
        Payload payload = Payload.NONE;

        Node(String name) {
            this.name = name;
        }

        boolean isWhiteout() {
            return name.startsWith(WHITEOUT);
        }

        /** The name as dive's Path() ends: a whiteout's without its prefix. */
        String visibleName() {
            return isWhiteout() ? name.substring(WHITEOUT.length()) : name;
        }

        Node child(String name) {
            return children == null ? null : children.get(name);
        }

        Node childOrNew(String name) {
            if (children == null) children = new HashMap<>(4);
            Node c = children.get(name);
            if (c == null) {
                c = new Node(name);
                children.put(name, c);
                sorted = null;
            }
            return c;
        }

        void removeChild(String name) {
            if (children != null && children.remove(name) != null) sorted = null;
        }

        Node[] sortedChildren() {
            if (children == null) return NONE;
            if (sorted == null) {
                sorted = children.values().toArray(NONE);
                Arrays.sort(sorted, (a, b) -> compareCodePoints(a.name, b.name));
            }
            return sorted;
        }

        /** dive's AddPath: missing folders on the way get no payload; the payload goes to the last node. */
        void addPath(String path, Payload data) {
            Node node = this;
            int start = 0;
            while (start <= path.length()) {
                int slash = path.indexOf('/', start);
                int end = slash < 0 ? path.length() : slash;
                node = node.childOrNew(path.substring(start, end));
                start = end + 1;
            }
            if (data != null) node.payload = data;
        }

        long subtreeBytes() {
            long sum = 0;
            ArrayDeque<Node> todo = new ArrayDeque<>();
            todo.push(this);
            while (!todo.isEmpty()) {
                Node n = todo.pop();
                sum += n.payload.size;
                if (n.children != null) for (Node c : n.children.values()) todo.push(c);
            }
            return sum;
        }
    }

    private static int compareCodePoints(String a, String b) {
        // UTF-16 order is code point order unless the first difference involves a surrogate
        int n = Math.min(a.length(), b.length());
        for (int k = 0; k < n; k++) {
            char ca = a.charAt(k);
            char cb = b.charAt(k);
            if (ca != cb) {
                if (!Character.isSurrogate(ca) && !Character.isSurrogate(cb)) return Character.compare(ca, cb);
                return compareFrom(a, b);
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    private static int compareFrom(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) return Integer.compare(ca, cb);
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
