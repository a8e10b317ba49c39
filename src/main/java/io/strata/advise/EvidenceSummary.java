package io.strata.advise;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns any number of stored versions into at most {@code max} evidence lines: single files where there are
 * few, otherwise the directories that hold the most bytes. Starting from the common ancestor, the biggest
 * directory is split into its children while the lines still fit.
 */
final class EvidenceSummary {
    private EvidenceSummary() {
    }

    private static final class Node {
        final String path;
        final Map<String, Node> children = new HashMap<>();
        long bytes;
        int files;
        int layer = Integer.MIN_VALUE;
        StoredVersion leaf;

        Node(String path) {
            this.path = path;
        }

        void add(StoredVersion v) {
            bytes += v.bytes();
            files++;
            layer = layer == Integer.MIN_VALUE || layer == v.layer() ? v.layer() : -1;
        }

        /** Skips single-child chains so a line names the deepest directory that still holds everything. */
        Node compress() {
            Node n = this;
            while (n.leaf == null && n.children.size() == 1) n = n.children.values().iterator().next();
            return n;
        }
    }

    private static final String SELF = "\0";

    static List<Advice.Evidence> of(List<StoredVersion> versions, int max, Function<StoredVersion, String> note) {
        Node root = new Node("");
        // zero-byte versions (links, empty files) only crowd the lines out, unless nothing else is there
        boolean anyBytes = versions.stream().anyMatch(v -> v.bytes() > 0);
        for (StoredVersion v : versions) {
            if (anyBytes && v.bytes() == 0) continue;
            Node n = root;
            n.add(v);
            int start = 0;
            String p = v.path();
            while (start <= p.length()) {
                int slash = p.indexOf('/', start);
                int end = slash < 0 ? p.length() : slash;
                String childPath = p.substring(0, end);
                n = n.children.computeIfAbsent(p.substring(start, end), k -> new Node(childPath));
                n.add(v);
                if (slash < 0) break;
                start = slash + 1;
            }
            // the version itself is a child of its path's node, so a path that is also a directory keeps both
            Node self = n.children.computeIfAbsent(SELF, k -> new Node(p));
            self.add(v);
            if (self.leaf == null) self.leaf = v;
        }
        List<Node> frontier = new ArrayList<>();
        if (root.files > 0) frontier.add(root.compress());
        Comparator<Node> biggest = Comparator.comparingLong((Node n) -> n.bytes).thenComparingInt(n -> n.files)
                .reversed().thenComparing(n -> n.path);
        boolean split = true;
        while (split) {
            split = false;
            frontier.sort(biggest);
            for (int i = 0; i < frontier.size(); i++) {
                Node n = frontier.get(i);
                if (n.children.isEmpty() || frontier.size() - 1 + n.children.size() > max) continue;
                frontier.remove(i);
                for (Node c : n.children.values()) frontier.add(c.compress());
                split = true;
                break;
            }
        }
        frontier.sort(biggest);
        List<Advice.Evidence> out = new ArrayList<>();
        for (Node n : frontier) {
            if (n.leaf != null) {
                StoredVersion v = n.leaf;
                String text = n.files == 1 ? note.apply(v) : n.files + " versions";
                out.add(new Advice.Evidence(v.absolute(), n.layer, n.files, n.bytes, text));
            } else {
                out.add(new Advice.Evidence("/" + n.path + (n.path.isEmpty() ? "" : "/"), n.layer, n.files, n.bytes,
                        n.files + " files"));
            }
        }
        return out;
    }
}
