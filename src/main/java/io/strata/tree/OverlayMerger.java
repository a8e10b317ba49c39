package io.strata.tree;

import io.strata.model.FindingCode;
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
    private final LayerPaths paths;
    private final PathTable table;
    private final int[] ownerLayer;
    private final int[] ownerEntry;
    private final Map<Integer, Long> hardlinkContent = new HashMap<>();
    private final List<HiddenVersion> hidden = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();
    private int[] parentChain = new int[16];

    private OverlayMerger(LayerPaths paths) {
        this.layers = paths.layers();
        this.paths = paths;
        this.table = paths.table();
        // every path is interned already; a node nobody owns (a whiteout's missing target) stays absent
        this.ownerLayer = new int[table.size()];
        this.ownerEntry = new int[table.size()];
        Arrays.fill(ownerLayer, FileTree.ABSENT);
        ownerLayer[0] = 0;
        ownerEntry[0] = FileTree.IMPLICIT;
    }

    public static FileTree merge(List<LayerIndex> layers) {
        return merge(LayerPaths.of(layers));
    }

    public static FileTree merge(LayerPaths paths) {
        OverlayMerger m = new OverlayMerger(paths);
        for (int l = 0; l < m.layers.size(); l++) m.apply(l, m.layers.get(l));
        return new FileTree(paths, m.ownerLayer, m.ownerEntry, m.hardlinkContent, m.hidden, m.findings);
    }

    private void apply(int l, LayerIndex idx) {
        int n = idx.size();
        int[] nodes = paths.nodes(l);
        for (int i = 0; i < n; i++) {
            if (idx.kind(i) == EntryKind.OPAQUE) {
                int dir = nodes[i];
                hideChildren(dir, l, HiddenVersion.Reason.OPAQUE);
                if (dir > 0 && ownerLayer[dir] == FileTree.ABSENT) {
                    // the marker stands inside the directory, so unpacking the layer creates it
                    ensureParents(dir, l);
                    ownerLayer[dir] = l;
                    ownerEntry[dir] = FileTree.IMPLICIT;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (idx.kind(i) == EntryKind.WHITEOUT) {
                int target = nodes[i];
                if (target > 0 && ownerLayer[target] != FileTree.ABSENT && ownerLayer[target] != l) {
                    hideSubtree(target, l, HiddenVersion.Reason.WHITEOUT);
                } else if (target <= 0 || ownerLayer[target] == FileTree.ABSENT) {
                    findings.add(Finding.info(FindingCode.WHITEOUT_NOTHING, "whiteout of a path no lower layer has")
                            .atLayer(l).atPath("/" + idx.path(i)));
                }
            }
        }
        for (int i = 0; i < n; i++) {
            EntryKind kind = idx.kind(i);
            if (kind.isWhiteout()) continue;
            int nd = nodes[i];
            if (nd == 0) {
                // the root directory's own entry: attributes only
                ownerLayer[0] = l;
                ownerEntry[0] = i;
                continue;
            }
            ensureParents(nd, l);
            if (ownerLayer[nd] != FileTree.ABSENT) {
                replace(nd, l, i, kind);
            }
            ownerLayer[nd] = l;
            ownerEntry[nd] = i;
            if (kind == EntryKind.HARDLINK) linkHardlink(nd, l, i, idx);
        }
    }

    private void replace(int nd, int l, int i, EntryKind kind) {
        int oldLayer = ownerLayer[nd];
        int oldEntry = ownerEntry[nd];
        if (oldEntry == FileTree.IMPLICIT) {
            if (kind != EntryKind.DIR) hideChildren(nd, l, HiddenVersion.Reason.PARENT_REPLACED);
            return;
        }
        EntryKind oldKind = layers.get(oldLayer).kind(oldEntry);
        boolean sameLayer = oldLayer == l;
        if (sameLayer) {
            findings.add(Finding.warning(FindingCode.DUPLICATE_PATH, "path written twice in one layer; the last entry wins")
                    .atLayer(l).atPath("/" + table.path(nd)));
        }
        if (oldKind == EntryKind.DIR && kind == EntryKind.DIR) return;
        hidden.add(new HiddenVersion(table.path(nd), oldLayer, oldEntry, l,
                sameLayer ? HiddenVersion.Reason.SAME_LAYER : HiddenVersion.Reason.OVERWRITTEN));
        hardlinkContent.remove(nd);
        if (oldKind == EntryKind.DIR) hideChildren(nd, l, HiddenVersion.Reason.PARENT_REPLACED);
    }

    /**
     * Makes every ancestor a visible directory; a non-directory in the way is replaced (and reported). The walk
     * up stops at the first visible directory: a visible node's ancestors are visible directories already
     * (whatever hides or replaces a directory takes its subtree with it).
     */
    private void ensureParents(int nd, int l) {
        int depth = 0;
        int[] chain = parentChain;
        for (int p = table.parent(nd); p > 0 && !isVisibleDirectory(p); p = table.parent(p)) {
            if (depth == chain.length) chain = parentChain = Arrays.copyOf(chain, depth * 2);
            chain[depth++] = p;
        }
        for (int k = depth - 1; k >= 0; k--) {
            int p = chain[k];
            if (ownerLayer[p] == FileTree.ABSENT) {
                ownerLayer[p] = l;
                ownerEntry[p] = FileTree.IMPLICIT;
            } else if (ownerEntry[p] != FileTree.IMPLICIT
                    && layers.get(ownerLayer[p]).kind(ownerEntry[p]) != EntryKind.DIR) {
                findings.add(Finding.warning(FindingCode.PARENT_NOT_DIR, "a parent of this path is not a directory; replaced")
                        .atLayer(l).atPath("/" + table.path(nd)));
                hidden.add(new HiddenVersion(table.path(p), ownerLayer[p], ownerEntry[p], l,
                        HiddenVersion.Reason.OVERWRITTEN));
                ownerLayer[p] = l;
                ownerEntry[p] = FileTree.IMPLICIT;
            }
        }
    }

    private boolean isVisibleDirectory(int node) {
        return ownerLayer[node] != FileTree.ABSENT && (ownerEntry[node] == FileTree.IMPLICIT
                || layers.get(ownerLayer[node]).kind(ownerEntry[node]) == EntryKind.DIR);
    }

    private void linkHardlink(int nd, int l, int i, LayerIndex idx) {
        String target = idx.linkTarget(i).orElse("");
        int t = table.find(target);
        if (t == nd) {
            // a link to itself names no content: a loop for whoever follows it
            findings.add(Finding.error("hardlink-to-itself", "hardlink /" + target + " points to itself")
                    .atLayer(l).atPath("/" + idx.path(i)));
            return;
        }
        if (t <= 0 || ownerLayer[t] == FileTree.ABSENT || ownerEntry[t] == FileTree.IMPLICIT) {
            findings.add(Finding.error(FindingCode.HARDLINK_MISSING_TARGET, "hardlink to /" + target + " which does not exist")
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
            findings.add(Finding.warning(FindingCode.HARDLINK_TO_NON_FILE, "hardlink to /" + target + " which is a "
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
