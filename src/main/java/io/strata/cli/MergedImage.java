package io.strata.cli;

import io.strata.analysis.LayerAttribution;
import io.strata.analysis.Reports;
import io.strata.analysis.SelectionException;
import io.strata.archive.ArchiveException;
import io.strata.archive.ImageArchive;
import io.strata.archive.ImageEntry;
import io.strata.layer.LayerException;
import io.strata.tree.FileTree;

import java.util.List;
import java.util.Optional;

/** One chosen image of one archive, its layers scanned and merged: what files, waste and ci work on. */
record MergedImage(ImageArchive archive, ImageEntry image, FileTree tree, List<Optional<String>> createdBy) {

    static MergedImage open(Workspace ws, String path)
            throws ArchiveException, SelectionException, UsageException, LayerException {
        ImageArchive a = ws.open(path);
        ImageEntry image = ws.select(a);
        Reports.ScannedImage scanned = ws.scan(a, image);
        FileTree tree = ws.tree(scanned);
        return new MergedImage(a, image, tree, LayerAttribution.createdBy(image.config(), scanned.layers().size()));
    }

    String name() {
        return image.displayName();
    }
}
