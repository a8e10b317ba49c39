package io.strata.model;

import java.util.List;
import java.util.Map;

/** An image manifest (OCI or Docker v2 schema 2): a config and ordered layers. */
public record Manifest(String mediaType, Descriptor config, List<Descriptor> layers, Map<String, String> annotations) {
    public Manifest {
        layers = List.copyOf(layers);
        annotations = Map.copyOf(annotations);
    }
}
