package io.strata.analysis;

import io.strata.archive.ImageEntry;
import io.strata.model.Digest;

import java.util.List;
import java.util.Optional;

/**
 * One image of the analysed set: identity, platform, its layers and its sizes (docs/design.md, "Sizes"). An artifact has
 * no filesystem: its logical, shared and unique bytes are 0 and only {@code storedBytes} says what it weighs.
 */
public record ImageReport(ImageEntry image, List<LayerReport> layers, long logicalBytes, long sharedBytes,
                          long uniqueBytes) {

    public ImageReport {
        layers = List.copyOf(layers);
    }

    public Optional<Digest> manifestDigest() {
        return image.manifestDigest();
    }

    /** Bytes of the layer blobs as stored (known ones: scanned, or from the descriptor or stored file). */
    public long storedBytes() {
        return layers.stream().mapToLong(l -> l.compressedBytes().orElse(0L)).sum();
    }

    public boolean isContainerImage() {
        return image.kind() == ImageEntry.Kind.IMAGE;
    }
}
