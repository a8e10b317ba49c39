package io.strata.model;

import java.util.List;
import java.util.Map;

/** An image index / manifest list: descriptors of manifests or nested indexes. */
public record ImageIndex(String mediaType, List<Descriptor> manifests, Map<String, String> annotations) {
    public ImageIndex {
        manifests = List.copyOf(manifests);
        annotations = Map.copyOf(annotations);
    }
}
