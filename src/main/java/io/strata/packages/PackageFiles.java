package io.strata.packages;

import java.util.List;
import java.util.Optional;

/**
 * The captured package-database and manifest files of one view of an image (the merged filesystem, or one
 * layer's own versions), read from the layer bytes during the scan and bounded in size.
 */
public interface PackageFiles {
    /** Absolute in-image paths of every captured file in this view, sorted. */
    List<String> paths();

    /** The bytes of one captured file, when this view has it. */
    Optional<byte[]> read(String absolutePath);
}
