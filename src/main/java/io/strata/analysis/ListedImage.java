package io.strata.analysis;

import io.strata.archive.ImageEntry;
import io.strata.layer.LayerIndex;

import java.util.List;
import java.util.Optional;

/**
 * An image as far as it could be read: one entry per manifest layer, empty where the layer was not scanned
 * (its blob is missing, or the image is an artifact whose blobs are not filesystem layers).
 */
public record ListedImage(ImageEntry image, List<Optional<LayerIndex>> layers) {
    public ListedImage {
        layers = List.copyOf(layers);
        if (layers.size() != image.layers().size()) {
            throw new IllegalArgumentException("one entry per manifest layer expected");
        }
    }

    /** The same image with each layer's totals and findings but not its entries (see SetTotals.Builder). */
    public ListedImage withoutEntries() {
        return new ListedImage(image, layers.stream().map(l -> l.map(LayerIndex::withoutEntries)).toList());
    }
}
