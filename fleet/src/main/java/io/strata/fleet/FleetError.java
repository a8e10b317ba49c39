package io.strata.fleet;

import java.io.Serializable;

/** One row of the errors table: what could not be read (an archive, a layer blob, an image) and why. */
public record FleetError(String archive, String image, String layer, String stage, String message)
        implements Serializable {
}
