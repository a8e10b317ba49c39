package io.strata.fleet;

import java.io.Serializable;
import java.util.List;

/** Stage 1's result for one archive: its format, size and container images, or why it could not be read. */
public record ArchiveListing(String archive, String format, long bytes, List<FleetImage> images, String error)
        implements Serializable {

    public ArchiveListing {
        images = List.copyOf(images);
    }

    static ArchiveListing failed(String archive, String error) {
        return new ArchiveListing(archive, null, 0, List.of(), error);
    }
}
