package io.strata.cli;

import io.strata.advise.ImageFacts;
import io.strata.advise.InstalledPackages;
import io.strata.analysis.LayerAttribution;
import io.strata.analysis.Reports;
import io.strata.archive.ImageArchive;
import io.strata.layer.EntryKind;
import io.strata.tree.FileTree;
import io.strata.tree.VisibleFile;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Gathers what the advice rules read for one scanned image: tree, history, installed packages. */
final class AdviceInputs {
    private static final int MAX_DATABASE_BYTES = 32 << 20;

    private AdviceInputs() {
    }

    static ImageFacts facts(ImageArchive archive, Reports.ScannedImage scanned, FileTree tree, long maxInflateRatio) {
        var config = scanned.image().config();
        var createdBy = LayerAttribution.createdBy(config, scanned.layers().size());
        var visible = tree.visible();
        return new ImageFacts(tree, visible, config.history(), createdBy, packages(archive, scanned, tree, visible,
                maxInflateRatio));
    }

    /**
     * Package names from the database's per-package files when there are some (no extra read); otherwise the
     * text of dpkg's status or apk's installed file, read from the layer that holds its visible version.
     */
    static InstalledPackages packages(ImageArchive archive, Reports.ScannedImage scanned, FileTree tree,
                                      java.util.List<VisibleFile> visible, long maxInflateRatio) {
        InstalledPackages fromPaths = InstalledPackages.fromPaths(visible);
        if (!fromPaths.isEmpty()) return fromPaths;
        for (String db : InstalledPackages.DATABASE_FILES) {
            Optional<VisibleFile> f = tree.lookup(db);
            if (f.isEmpty() || f.get().kind() != EntryKind.FILE || f.get().size() > MAX_DATABASE_BYTES) continue;
            var layer = scanned.image().layers().get(f.get().layer());
            Optional<byte[]> bytes = LayerFileReader.read(archive, layer, db, MAX_DATABASE_BYTES, maxInflateRatio);
            if (bytes.isPresent()) return InstalledPackages.parse(db, new String(bytes.get(), StandardCharsets.UTF_8));
        }
        return InstalledPackages.NONE;
    }
}
