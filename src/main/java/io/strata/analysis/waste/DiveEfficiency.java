package io.strata.analysis.waste;

import io.strata.layer.EntryKind;
import io.strata.layer.LayerIndex;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

    public static DiveFigures compute(List<LayerIndex> layers) {
        Map<String, long[]> byPath = new LinkedHashMap<>(); // path -> {cumulative, minimum, count}
        List<Node> trees = new ArrayList<>();
        for (LayerIndex l : layers) trees.add(layerTree(l));
        Node stacked = null;
        for (int i = 0; i < trees.size(); i++) {
            // dive stacks layers 0..i-1 for a whiteout's size; for layer 0 that is layer 0 itself
            Node below = i == 0 ? trees.get(0) : stacked;
            visitLeaves(trees.get(i), below, byPath);
            if (i == 0) stacked = trees.get(0).copy(null);
            stack(stacked, trees.get(i));
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
        inefficient.sort(Comparator.comparingLong(DivePath::cumulativeBytes).reversed()
                .thenComparing(DivePath::path));
        double score = discovered == 0 ? 1.0 : (double) minimum / (double) discovered;
        long size = 0;
        long userSize = 0;
        for (int i = 0; i < layers.size(); i++) {
            long s = headerBytes(layers.get(i));
            size += s;
            if (i != 0) userSize += s;
        }
        return new DiveFigures(score, wasted, (double) wasted / (double) userSize, size, userSize, inefficient);
    }

    /** dive's layer size: the sum of its entries' tar header sizes (a regular file's bytes; links count 0). */
    static long headerBytes(LayerIndex l) {
        long s = 0;
        for (int i = 0; i < l.size(); i++) if (l.kind(i) == EntryKind.FILE) s += l.size(i);
        return s;
    }

    private static Node layerTree(LayerIndex l) {
        Node root = new Node("", null);
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

    private static void visitLeaves(Node layer, Node below, Map<String, long[]> byPath) {
        try {
            layer.visitChildFirst(n -> {
                if (!n.children.isEmpty()) return;
                String path = n.path();
                long size;
                if (n.isWhiteout()) {
                    Node previous = below.find(path);
                    if (previous == null) throw new StopLayer();
                    size = previous.payload.isDir ? previous.subtreeBytes() : 0;
                } else {
                    size = n.payload.size;
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

    /** dive's FileTree.Stack: whiteouts remove, anything else is added (a payload replaces, children stay). */
    private static void stack(Node lower, Node upper) {
        upper.visitChildFirst(n -> {
            if (n.isWhiteout()) {
                Node target = lower.find(n.path());
                if (target != null && target.parent != null) target.parent.children.remove(target.name);
            } else {
                lower.addPath(n.path(), n.payload);
            }
        });
    }

    private record Payload(long size, boolean isDir) {
        static final Payload NONE = new Payload(0, false);
    }

    private static final class StopLayer extends RuntimeException {
        StopLayer() {
            super(null, null, false, false);
        }
    }

    /** One node of dive's tree; children sorted as Go sorts strings (by UTF-8 bytes = by code points). */
    private static final class Node {
        final String name;
        final Node parent;
        final TreeMap<String, Node> children = new TreeMap<>(DiveEfficiency::compareCodePoints);
        Payload payload = Payload.NONE;

        Node(String name, Node parent) {
            this.name = name;
            this.parent = parent;
        }

        boolean isWhiteout() {
            return name.startsWith(WHITEOUT);
        }

        /** The path without the whiteout prefix of the last segment, relative, like dive's Path(). */
        String path() {
            StringBuilder sb = new StringBuilder(isWhiteout() ? name.substring(WHITEOUT.length()) : name);
            for (Node p = parent; p != null && p.parent != null; p = p.parent) sb.insert(0, p.name + "/");
            return sb.toString();
        }

        /** dive's AddPath: missing folders on the way get no payload; the payload goes to the last node. */
        void addPath(String path, Payload data) {
            Node node = this;
            for (String seg : path.split("/")) {
                Node next = node.children.get(seg);
                if (next == null) {
                    next = new Node(seg, node);
                    node.children.put(seg, next);
                }
                node = next;
            }
            if (data != null) node.payload = data;
        }

        Node find(String path) {
            Node node = this;
            for (String seg : path.split("/")) {
                if (seg.isEmpty()) continue;
                node = node.children.get(seg);
                if (node == null) return null;
            }
            return node;
        }

        long subtreeBytes() {
            long[] sum = {0};
            visitChildFirst(n -> sum[0] += n.payload.size);
            return sum[0] + payload.size;
        }

        /** Depth first, children before their parent, siblings in order; the node itself is not visited. */
        void visitChildFirst(java.util.function.Consumer<Node> visitor) {
            // iterative: layers may nest thousands of levels deep
            ArrayList<Object[]> stack = new ArrayList<>();
            stack.add(new Object[]{this, new ArrayList<>(children.values()).iterator()});
            while (!stack.isEmpty()) {
                Object[] top = stack.get(stack.size() - 1);
                @SuppressWarnings("unchecked")
                java.util.Iterator<Node> it = (java.util.Iterator<Node>) top[1];
                if (it.hasNext()) {
                    Node c = it.next();
                    stack.add(new Object[]{c, new ArrayList<>(c.children.values()).iterator()});
                } else {
                    stack.remove(stack.size() - 1);
                    if (top[0] != this) visitor.accept((Node) top[0]);
                }
            }
        }

        Node copy(Node newParent) {
            Node c = new Node(name, newParent);
            c.payload = payload;
            HashMap<Node, Node> copies = new HashMap<>();
            copies.put(this, c);
            visitParentFirst(n -> {
                Node p = copies.get(n.parent);
                Node nc = new Node(n.name, p);
                nc.payload = n.payload;
                p.children.put(n.name, nc);
                copies.put(n, nc);
            });
            return c;
        }

        private void visitParentFirst(java.util.function.Consumer<Node> visitor) {
            ArrayList<Node> todo = new ArrayList<>(children.values());
            while (!todo.isEmpty()) {
                Node n = todo.remove(todo.size() - 1);
                visitor.accept(n);
                todo.addAll(n.children.values());
            }
        }
    }

    private static int compareCodePoints(String a, String b) {
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
