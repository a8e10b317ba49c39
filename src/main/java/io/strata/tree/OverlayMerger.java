package io.strata.tree;

import io.strata.layer.EntryKind;
import io.strata.layer.LayerIndex;
import io.strata.model.Finding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stacks layer indexes into the merged filesystem by the OCI layer rules: per layer, opaque markers first
 * (they hide what lower layers put below the directory, wherever the marker stands in the tar), then file
 * whiteouts, then the entries in tar order. Directory over directory changes attributes only; anything
 * else replaces, and a replaced directory takes its subtree with it.
 */
public final class OverlayMerger {
    private final List<LayerIndex> layers;
    private final PathTable table = new PathTable();
    private int[] ownerLayer = new int[1024];
    private int[] ownerEntry = new int[1024];
    private final Map<Integer, Long> hardlinkContent = new HashMap<>();
    private final List<HiddenVersion> hidden = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();

    private OverlayMerger(List<LayerIndex> layers) {
        this.layers = layers;
        Arrays.fill(ownerLayer, FileTree.ABSENT);
        ownerLayer[0] = 0;
        ownerEntry[0] = FileTree.IMPLICIT;
    }

    public static FileTree merge(List<LayerIndex> layers) {
        OverlayMerger m = new OverlayMerger(layers);
        for (int l = 0; l < layers.size(); l++) m.apply(l, layers.get(l));
        return new FileTree(layers, m.table, Arrays.copyOf(m.ownerLayer, m.table.size()),
                Arrays.copyOf(m.ownerEntry, m.table.size()), m.hardlinkContent, m.hidden, m.findings);
    }

    private int node(String path) {
        int n = table.intern(path);
        if (n >= ownerLayer.length) {
            int old = ownerLayer.length;
            int size = Math.max(n + 1, old * 2);
            ownerLayer = Arrays.copyOf(ownerLayer, size);
            ownerEntry = Arrays.copyOf(ownerEntry, size);
            Arrays.fill(ownerLayer, old, size, FileTree.ABSENT);
        }
        return n;
    }

    private void apply(int l, LayerIndex idx) {
        int n = idx.size();
        for (int i = 0; i < n; i++) {
            if (idx.kind(i) == EntryKind.OPAQUE) {
                String path = idx.path(i);
                int dir = node(path);
                hideChildren(dir, l, HiddenVersion.Reason.OPAQUE);
                if (dir > 0 && ownerLayer[dir] == FileTree.ABSENT) {
                    // the marker stands inside the directory, so unpacking the layer creates it
                    ensureParents(dir, l, path);
                    ownerLayer[dir] = l;
                    ownerEntry[dir] = FileTree.IMPLICIT;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (idx.kind(i) == EntryKind.WHITEOUT) {
                int target = table.find(idx.path(i));
                if (target > 0 && ownerLayer[target] != FileTree.ABSENT && ownerLayer[target] != l) {
                    hideSubtree(target, l, HiddenVersion.Reason.WHITEOUT);
                } else if (target <= 0 || ownerLayer[target] == FileTree.ABSENT) {
                    findings.add(Finding.info("whiteout-nothing", "whiteout of a path no lower layer has")
                            .atLayer(l).atPath("/" + idx.path(i)));
                }
            }
        }
        for (int i = 0; i < n; i++) {
            EntryKind kind = idx.kind(i);
            if (kind.isWhiteout()) continue;
            String path = idx.path(i);
            if (path.isEmpty()) {
                // the root directory's own entry: attributes only
                ownerLayer[0] = l;
                ownerEntry[0] = i;
                continue;
            }
            int nd = node(path);
            ensureParents(nd, l, path);
            if (ownerLayer[nd] != FileTree.ABSENT) {
                replace(nd, l, i, kind, path);
            }
            ownerLayer[nd] = l;
            ownerEntry[nd] = i;
            if (kind == EntryKind.HARDLINK) linkHardlink(nd, l, i, idx);
        }
    }

    private void replace(int nd, int l, int i, EntryKind kind, String path) {
        int oldLayer = ownerLayer[nd];
        int oldEntry = ownerEntry[nd];
        if (oldEntry == FileTree.IMPLICIT) {
            if (kind != EntryKind.DIR) hideChildren(nd, l, HiddenVersion.Reason.PARENT_REPLACED);
            return;
        }
        EntryKind oldKind = layers.get(oldLayer).kind(oldEntry);
        boolean sameLayer = oldLayer == l;
        if (sameLayer) {
            findings.add(Finding.warning("duplicate-path", "path written twice in one layer; the last entry wins")
                    .atLayer(l).atPath("/" + path));
        }
        if (oldKind == EntryKind.DIR && kind == EntryKind.DIR) return;
        hidden.add(new HiddenVersion(path, oldLayer, oldEntry, l,
                sameLayer ? HiddenVersion.Reason.SAME_LAYER : HiddenVersion.Reason.OVERWRITTEN));
        hardlinkContent.remove(nd);
        if (oldKind == EntryKind.DIR) hideChildren(nd, l, HiddenVersion.Reason.PARENT_REPLACED);
    }

    /** Makes every ancestor a visible directory; a non-directory in the way is replaced (and reported). */
    private void ensureParents(int nd, int l, String path) {
        int depth = 0;
        int[] chain = new int[16];
        for (int p = table.parent(nd); p > 0; p = table.parent(p)) {
            if (depth == chain.length) chain = Arrays.copyOf(chain, depth * 2);
            chain[depth++] = p;
        }
        for (int k = depth - 1; k >= 0; k--) {
            int p = chain[k];
            if (ownerLayer[p] == FileTree.ABSENT) {
                ownerLayer[p] = l;
                ownerEntry[p] = FileTree.IMPLICIT;
            } else if (ownerEntry[p] != FileTree.IMPLICIT
                    && layers.get(ownerLayer[p]).kind(ownerEntry[p]) != EntryKind.DIR) {
                findings.add(Finding.warning("parent-not-dir", "a parent of this path is not a directory; replaced")
                        .atLayer(l).atPath("/" + path));
                hidden.add(new HiddenVersion(table.path(p), ownerLayer[p], ownerEntry[p], l,
                        HiddenVersion.Reason.OVERWRITTEN));
                ownerLayer[p] = l;
                ownerEntry[p] = FileTree.IMPLICIT;
            }
        }
    }

    private void linkHardlink(int nd, int l, int i, LayerIndex idx) {
        String target = idx.linkTarget(i).orElse("");
        int t = table.find(target);
        if (t <= 0 || ownerLayer[t] == FileTree.ABSENT || ownerEntry[t] == FileTree.IMPLICIT) {
            findings.add(Finding.error("hardlink-missing-target", "hardlink to /" + target + " which does not exist")
                    .atLayer(l).atPath("/" + idx.path(i)));
            return;
        }
        LayerIndex tl = layers.get(ownerLayer[t]);
        EntryKind tk = tl.kind(ownerEntry[t]);
        if (tk == EntryKind.HARDLINK) {
            Long content = hardlinkContent.get(t);
            if (content != null) hardlinkContent.put(nd, content);
        } else if (tk == EntryKind.FILE) {
            hardlinkContent.put(nd, ((long) ownerLayer[t] << 32) | ownerEntry[t]);
        } else {
            findings.add(Finding.warning("hardlink-to-non-file", "hardlink to /" + target + " which is a "
                    + tk.label()).atLayer(l).atPath("/" + idx.path(i)));
        }
    }

    private void hideSubtree(int node, int l, HiddenVersion.Reason reason) {
        hideChildren(node, l, reason);
        hideOne(node, l, reason);
    }

    /** Hides every visible descendant of node, iteratively (trees may be 10,000 levels deep). */
    private void hideChildren(int node, int l, HiddenVersion.Reason reason) {
        int[] stack = new int[64];
        int sp = 0;
        for (int c = table.firstChild(node); c >= 0; c = table.nextSibling(c)) {
            if (sp == stack.length) stack = Arrays.copyOf(stack, sp * 2);
            stack[sp++] = c;
        }
        while (sp > 0) {
            int c = stack[--sp];
            if (ownerLayer[c] == FileTree.ABSENT) continue;
            for (int g = table.firstChild(c); g >= 0; g = table.nextSibling(g)) {
                if (sp == stack.length) stack = Arrays.copyOf(stack, sp * 2);
                stack[sp++] = g;
            }
            hideOne(c, l, reason);
        }
    }

    private void hideOne(int node, int l, HiddenVersion.Reason reason) {
        if (ownerEntry[node] != FileTree.IMPLICIT) {
            hidden.add(new HiddenVersion(table.path(node), ownerLayer[node], ownerEntry[node], l, reason));
        }
        ownerLayer[node] = FileTree.ABSENT;
        ownerEntry[node] = FileTree.IMPLICIT;
        hardlinkContent.remove(node);
    }
}
