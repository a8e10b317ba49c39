package io.strata.diff;

import io.strata.analysis.LayerAttribution;
import io.strata.archive.ImageEntry;
import io.strata.layer.LayerIndex;
import io.strata.packages.Inventory;
import io.strata.tree.LayerStack;

import java.util.List;
import java.util.Optional;

/**
 * One side of a diff: the archive as the user named it, the chosen image, and its scanned layers in manifest
 * order with their merged view (absent when only the config and history are compared, which needs no layer scan),
 * and its package inventory when the packages are compared.
 */
public record DiffSide(String archive, ImageEntry image, Optional<LayerStack> stack, Optional<Inventory> packages) {

    public DiffSide(String archive, ImageEntry image, Optional<LayerStack> stack) {
        this(archive, image, stack, Optional.empty());
    }

    /** The scanned layers, in manifest order. */
    public Optional<List<LayerIndex>> layers() {
        return stack.map(LayerStack::layers);
    }

    /** The created_by of the history step that made each layer. */
    public List<Optional<String>> steps() {
        int count = stack.map(LayerStack::size).orElse(image.layers().size());
        return LayerAttribution.createdBy(image.config(), count);
    }

    LayerStack scanned() {
        return stack.orElseThrow(() -> new IllegalStateException("layers of " + archive + " were not scanned"));
    }
}
