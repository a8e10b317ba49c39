package io.strata.fleet;

import java.io.Serializable;
import java.util.List;

/**
 * Stage 4's result for one image: the figures of `strata waste` over its merged layers (computed by the CLI's
 * WasteAnalysis), the visible files when the files table was asked for, or why the merge failed.
 */
public record ImageResult(String imageId, long logicalBytes, long squashedBytes, long wastedBytes,
                          long hardlinkKeptBytes, long duplicateBytes, double efficiency, double diveEfficiency,
                          long diveWastedBytes, double diveUserWastedPercent, int visibleFiles, List<FileRow> files,
                          List<PackageRow> packages, String error) implements Serializable {

    /** One visible path of an image's merged filesystem (the files table). */
    public record FileRow(String image, String path, String type, int mode, long uid, long gid, long size, String sha256,
                          String linkTarget, int layer) implements Serializable {
    }

    /**
     * One package of an image's inventory (the packages table), by the CLI's PackageInventory: the layer whose
     * database first lists it (index, diffId, history step), the last layer that changed it, its visible files.
     */
    public record PackageRow(String image, String ecosystem, String name, String version, String arch, String purl,
                             int layer, String layerDiffId, String layerCreatedBy, int lastChangedLayer, int files,
                             long bytes) implements Serializable {
    }

    /** The figures only, for the driver: files and packages stay on the executors. */
    public ImageResult figuresOnly() {
        return new ImageResult(imageId, logicalBytes, squashedBytes, wastedBytes, hardlinkKeptBytes, duplicateBytes,
                efficiency, diveEfficiency, diveWastedBytes, diveUserWastedPercent, visibleFiles, List.of(), List.of(),
                error);
    }

    static ImageResult failed(String imageId, String error) {
        return new ImageResult(imageId, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, List.of(), List.of(), error);
    }
}
