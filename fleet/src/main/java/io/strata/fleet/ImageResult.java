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
                          String error) implements Serializable {

    /** One visible path of an image's merged filesystem (the files table). */
    public record FileRow(String image, String path, String type, int mode, int uid, int gid, long size, String sha256,
                          String linkTarget, int layer) implements Serializable {
    }

    public ImageResult withoutFiles() {
        return new ImageResult(imageId, logicalBytes, squashedBytes, wastedBytes, hardlinkKeptBytes, duplicateBytes,
                efficiency, diveEfficiency, diveWastedBytes, diveUserWastedPercent, visibleFiles, List.of(), error);
    }

    static ImageResult failed(String imageId, String error) {
        return new ImageResult(imageId, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, List.of(), error);
    }
}
