package io.strata.analysis;

import io.strata.archive.ImageEntry;
import io.strata.model.Digest;

import java.util.List;
import java.util.Optional;

/** One image of the analysed set: identity, platform, its layers and its sizes (DESIGN section 2). */
public record ImageReport(ImageEntry image, List<LayerReport> layers, long logicalBytes, long sharedBytes,
                          long uniqueBytes) {

    public Optional<Digest> manifestDigest() {
        return image.manifestDigest();
    }
}
