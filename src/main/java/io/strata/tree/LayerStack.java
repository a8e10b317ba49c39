package io.strata.tree;

import io.strata.layer.LayerIndex;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An image's scanned layers in manifest order and their merged views, each stacked at most once: the whole stack
 * (what files, waste, advice and the report read) and, when asked, the stack of its first layers (what a layer's
 * changes and a lower version's links are resolved against). The one place outside this package that stacks
 * layers is {@code session.AnalysedImage}, which owns one of these per image.
 */
public final class LayerStack {
    private final List<LayerIndex> layers;
    private final Map<Integer, FileTree> firstLayers = new HashMap<>();

    private LayerStack(List<LayerIndex> layers) {
        this.layers = List.copyOf(layers);
    }

    public static LayerStack of(List<LayerIndex> layers) {
        return new LayerStack(layers);
    }

    public List<LayerIndex> layers() {
        return layers;
    }

    public int size() {
        return layers.size();
    }

    /** The merged filesystem of every layer, stacked on first use. */
    public FileTree merged() {
        return firstLayers(layers.size());
    }

    /** The merged filesystem of the first {@code count} layers (0 gives an empty root), stacked on first use. */
    public synchronized FileTree firstLayers(int count) {
        if (count < 0 || count > layers.size()) {
            throw new IllegalArgumentException("layers 0.." + (count - 1) + " of " + layers.size());
        }
        return firstLayers.computeIfAbsent(count, n -> OverlayMerger.merge(n == layers.size() ? layers
                : layers.subList(0, n)));
    }
}
