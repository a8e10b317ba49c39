package io.strata.cli;

import io.strata.analysis.LayerAttribution;
import io.strata.analysis.Reports;
import io.strata.archive.ImageArchive;
import io.strata.archive.ImageEntry;
import io.strata.layer.LayerException;
import io.strata.tree.FileTree;

import java.util.List;
import java.util.Optional;

/** One chosen image of one archive, its layers scanned and merged: what files, waste and ci work on. */
record MergedImage(ImageArchive archive, ImageEntry image, FileTree tree, List<Optional<String>> createdBy) {

    /** The given image of an opened archive, scanned (layers the workspace already read are not read again) and merged. */
    static MergedImage of(Workspace ws, ImageArchive a, ImageEntry image) throws LayerException {
        Reports.ScannedImage scanned = ws.scan(a, image);
        FileTree tree = ws.tree(scanned);
        return new MergedImage(a, image, tree, LayerAttribution.createdBy(image.config(), scanned.layers().size()));
    }

    String name() {
        return image.displayName();
    }
}
