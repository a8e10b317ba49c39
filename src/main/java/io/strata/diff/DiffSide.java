package io.strata.diff;

import io.strata.analysis.LayerAttribution;
import io.strata.archive.ImageEntry;
import io.strata.layer.LayerIndex;

import java.util.List;
import java.util.Optional;

/**
 * One side of a diff: the archive as the user named it, the chosen image, and its scanned layers in manifest
 * order (absent when only the config and history are compared, which needs no layer scan).
 */
public record DiffSide(String archive, ImageEntry image, Optional<List<LayerIndex>> layers) {

    public DiffSide {
        layers = layers.map(List::copyOf);
    }

    /** The created_by of the history step that made each layer. */
    public List<Optional<String>> steps() {
        int count = layers.map(List::size).orElse(image.layers().size());
        return LayerAttribution.createdBy(image.config(), count);
    }

    List<LayerIndex> scanned() {
        return layers.orElseThrow(() -> new IllegalStateException("layers of " + archive + " were not scanned"));
    }
}
