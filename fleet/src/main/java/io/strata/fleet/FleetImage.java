package io.strata.fleet;

import java.io.Serializable;
import java.util.List;

/**
 * One container image found while listing an archive: identity, its layers in manifest order and the history
 * step of each (null where there is none), everything a later stage needs without opening the archive again.
 */
public record FleetImage(String archive, int position, String name, List<String> refs, String platform,
                         String manifestDigest, String configDigest, List<FleetLayer> layers,
                         List<String> createdBy) implements Serializable {

    public FleetImage {
        refs = List.copyOf(refs);
        layers = List.copyOf(layers);
        createdBy = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(createdBy));
    }

    /** Unique in a fleet: the archive as listed and the image's position in it. */
    public String id() {
        return archive + "#" + position;
    }
}
