package io.strata.tree;

import io.strata.layer.LayerIndex;

import io.strata.model.NameBytes;

import java.util.Arrays;

/**
 * Interns image paths as a tree of name segments: each distinct path is an int node with a parent, a name and
 * a child list. Segments are shared, so "/usr/share/doc/x" costs one node beyond "/usr/share/doc". Names live
 * in one arena of their raw bytes (no String per node). Node 0 is the root. Lookup of (parent, name) is an
 * open-addressing hash over node ids.
 */
public final class PathTable {
    private int count = 1;
    private int[] parent = new int[1024];
    private int[] firstChild = new int[1024];
    private int[] nextSibling = new int[1024];
    private int[] nameEnds = new int[1024];
    private int[] nameHashes = new int[1024];
    private byte[] names = new byte[16 * 1024];
    private int namesLen;
    private int[] slots = new int[2048];

    public PathTable() {
        Arrays.fill(slots, -1);
        parent[0] = -1;
        firstChild[0] = -1;
        nextSibling[0] = -1;
    }

    public int size() {
        return count;
    }

    public int parent(int node) {
        return parent[node];
    }

    public String name(int node) {
        int start = nameStart(node);
        return NameBytes.decode(names, start, nameEnds[node]);
    }

    public int firstChild(int node) {
        return firstChild[node];
    }

    public int nextSibling(int node) {
        return nextSibling[node];
    }

    /** The node of a normalised relative path, created with its ancestors if new. */
    private int intern(String relative) {
        return walk(relative, true);
    }

    /** The node of a path, or -1 when it was never seen. */
    public int find(String relative) {
        return walk(relative, false);
    }

    /**
     * The node of every entry of a layer (0 for the root's own entry), created if new. Each folder of the layer
     * is interned once and each entry's last segment is looked up from the layer's name arena: no string per
     * entry.
     */
    public int[] nodesOf(LayerIndex layer) {
        int[] folderNodes = new int[layer.folderCount()];
        for (int f = 0; f < folderNodes.length; f++) folderNodes[f] = intern(layer.folderPath(f));
        byte[] arena = layer.nameArena();
        int[] nodes = new int[layer.size()];
        for (int i = 0; i < nodes.length; i++) {
            int folder = folderNodes[layer.folderOf(i)];
            int start = layer.nameStart(i);
            int end = layer.nameEnd(i);
            nodes[i] = start == end ? folder : child(folder, arena, start, end, true);
        }
        return nodes;
    }

    private int walk(String relative, boolean create) {
        int node = 0;
        int start = 0;
        int n = relative.length();
        while (start < n && node >= 0) {
            int slash = relative.indexOf('/', start);
            int end = slash < 0 ? n : slash;
            byte[] name = NameBytes.encode(relative.substring(start, end));
            node = child(node, name, 0, name.length, create);
            start = end + 1;
        }
        return node;
    }

    public String path(int node) {
        if (node == 0) return "";
        int depth = 0;
        int length = 0;
        int[] stack = new int[16];
        for (int p = node; p > 0; p = parent[p]) {
            if (depth == stack.length) stack = Arrays.copyOf(stack, depth * 2);
            stack[depth++] = p;
            length += nameEnds[p] - nameStart(p) + 1;
        }
        byte[] out = new byte[length - 1];
        int at = 0;
        for (int i = depth - 1; i >= 0; i--) {
            int s = nameStart(stack[i]);
            int len = nameEnds[stack[i]] - s;
            System.arraycopy(names, s, out, at, len);
            at += len;
            if (i > 0) out[at++] = '/';
        }
        return NameBytes.decode(out);
    }

    private int nameStart(int node) {
        return node == 0 ? 0 : nameEnds[node - 1];
    }

    private int child(int par, byte[] name, int from, int to, boolean create) {
        int nameHash = hash(name, from, to);
        int mask = slots.length - 1;
        int h = mix(par * 31 + nameHash) & mask;
        while (true) {
            int id = slots[h];
            if (id < 0) break;
            if (parent[id] == par && nameHashes[id] == nameHash
                    && Arrays.equals(names, nameStart(id), nameEnds[id], name, from, to)) {
                return id;
            }
            h = (h + 1) & mask;
        }
        if (!create) return -1;
        if (count == parent.length) growNodes();
        int id = count++;
        parent[id] = par;
        int length = to - from;
        if (namesLen + length > names.length) {
            names = Arrays.copyOf(names, Math.max(namesLen + length, names.length * 2));
        }
        System.arraycopy(name, from, names, namesLen, length);
        namesLen += length;
        nameEnds[id] = namesLen;
        nameHashes[id] = nameHash;
        firstChild[id] = -1;
        nextSibling[id] = firstChild[par];
        firstChild[par] = id;
        slots[h] = id;
        if (count * 2 > slots.length) rehash();
        return id;
    }

    /** Arrays.hashCode of the slice. */
    private static int hash(byte[] a, int from, int to) {
        int h = 1;
        for (int k = from; k < to; k++) h = 31 * h + a[k];
        return h;
    }

    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h;
    }

    private void growNodes() {
        int n = parent.length * 2;
        parent = Arrays.copyOf(parent, n);
        firstChild = Arrays.copyOf(firstChild, n);
        nextSibling = Arrays.copyOf(nextSibling, n);
        nameEnds = Arrays.copyOf(nameEnds, n);
        nameHashes = Arrays.copyOf(nameHashes, n);
    }

    private void rehash() {
        int[] fresh = new int[slots.length * 2];
        Arrays.fill(fresh, -1);
        int mask = fresh.length - 1;
        for (int id = 1; id < count; id++) {
            int h = mix(parent[id] * 31 + nameHashes[id]) & mask;
            while (fresh[h] >= 0) h = (h + 1) & mask;
            fresh[h] = id;
        }
        slots = fresh;
    }
}
