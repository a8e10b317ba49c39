package io.strata.tree;

import java.util.Arrays;

/**
 * Interns image paths as a tree of name segments: each distinct path is an int node with a parent, a name and
 * a child list. Segments are shared, so "/usr/share/doc/x" costs one node beyond "/usr/share/doc".
 * Node 0 is the root. Lookup of (parent, name) is an open-addressing hash over node ids.
 */
final class PathTable {
    private int count = 1;
    private int[] parent = new int[1024];
    private int[] firstChild = new int[1024];
    private int[] nextSibling = new int[1024];
    private String[] names = new String[1024];
    private int[] slots = new int[2048];

    PathTable() {
        Arrays.fill(slots, -1);
        parent[0] = -1;
        firstChild[0] = -1;
        nextSibling[0] = -1;
        names[0] = "";
    }

    int size() {
        return count;
    }

    int parent(int node) {
        return parent[node];
    }

    String name(int node) {
        return names[node];
    }

    int firstChild(int node) {
        return firstChild[node];
    }

    int nextSibling(int node) {
        return nextSibling[node];
    }

    /** The node of a normalised relative path, created with its ancestors if new. */
    int intern(String relative) {
        int node = 0;
        int start = 0;
        int n = relative.length();
        while (start < n) {
            int slash = relative.indexOf('/', start);
            int end = slash < 0 ? n : slash;
            node = child(node, relative.substring(start, end), true);
            start = end + 1;
        }
        return node;
    }

    /** The node of a path, or -1 when it was never seen. */
    int find(String relative) {
        int node = 0;
        int start = 0;
        int n = relative.length();
        while (start < n && node >= 0) {
            int slash = relative.indexOf('/', start);
            int end = slash < 0 ? n : slash;
            node = child(node, relative.substring(start, end), false);
            start = end + 1;
        }
        return node;
    }

    String path(int node) {
        if (node == 0) return "";
        StringBuilder sb = new StringBuilder();
        appendPath(node, sb);
        return sb.toString();
    }

    private void appendPath(int node, StringBuilder sb) {
        int depth = 0;
        int[] stack = new int[16];
        for (int n = node; n > 0; n = parent[n]) {
            if (depth == stack.length) stack = Arrays.copyOf(stack, depth * 2);
            stack[depth++] = n;
        }
        for (int i = depth - 1; i >= 0; i--) {
            sb.append(names[stack[i]]);
            if (i > 0) sb.append('/');
        }
    }

    private int child(int par, String name, boolean create) {
        int mask = slots.length - 1;
        int h = mix(par * 31 + name.hashCode()) & mask;
        while (true) {
            int id = slots[h];
            if (id < 0) break;
            if (parent[id] == par && names[id].equals(name)) return id;
            h = (h + 1) & mask;
        }
        if (!create) return -1;
        if (count == parent.length) growNodes();
        int id = count++;
        parent[id] = par;
        names[id] = name;
        firstChild[id] = -1;
        nextSibling[id] = firstChild[par];
        firstChild[par] = id;
        slots[h] = id;
        if (count * 2 > slots.length) rehash();
        return id;
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
        names = Arrays.copyOf(names, n);
    }

    private void rehash() {
        int[] fresh = new int[slots.length * 2];
        Arrays.fill(fresh, -1);
        int mask = fresh.length - 1;
        for (int id = 1; id < count; id++) {
            int h = mix(parent[id] * 31 + names[id].hashCode()) & mask;
            while (fresh[h] >= 0) h = (h + 1) & mask;
            fresh[h] = id;
        }
        slots = fresh;
    }
}
