package io.strata.tree;

import io.strata.layer.LayerIndex;

import java.util.List;

/**
 * Every path of a stack of layers interned into one {@link PathTable}, with each entry's node. Made once per
 * stack and not changed afterwards, so the merge and dive's figures can read it at the same time.
 */
public final class LayerPaths {
    private final List<LayerIndex> layers;
    private final PathTable table;
    private final int[][] nodes;

    private LayerPaths(List<LayerIndex> layers, PathTable table, int[][] nodes) {
        this.layers = layers;
        this.table = table;
        this.nodes = nodes;
    }

    public static LayerPaths of(List<LayerIndex> layers) {
        PathTable table = new PathTable();
        int[][] nodes = new int[layers.size()][];
        for (int i = 0; i < nodes.length; i++) nodes[i] = table.nodesOf(layers.get(i));
        return new LayerPaths(List.copyOf(layers), table, nodes);
    }

    public List<LayerIndex> layers() {
        return layers;
    }

    public PathTable table() {
        return table;
    }

    /** The node of each entry of layer {@code layer} (0 for the root's own entry). */
    public int[] nodes(int layer) {
        return nodes[layer];
    }
}
