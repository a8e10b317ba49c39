package io.strata.session;

import io.strata.advise.ImageFacts;
import io.strata.advise.InstalledPackages;
import io.strata.layer.EntryKind;
import io.strata.layer.LayerFileReader;
import io.strata.tree.FileTree;
import io.strata.tree.VisibleFile;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** Gathers what the advice rules read for one analysed image: tree, history, installed packages. */
final class AdviceInputs {
    private static final int MAX_DATABASE_BYTES = 32 << 20;

    /** The facts of one image, kept with it (AnalysedImage.adviceFacts). */
    static final AnalysedImage.Extension<ImageFacts> FACTS = AdviceInputs::facts;

    private AdviceInputs() {
    }

    static ImageFacts facts(AnalysedImage image) {
        FileTree tree = image.tree();
        List<VisibleFile> visible = tree.visible();
        return new ImageFacts(tree, visible, image.image().config().history(), image.createdBy(),
                packages(image, tree, visible));
    }

    /**
     * Package names from the database's per-package files when there are some (no extra read); otherwise the
     * text of dpkg's status or apk's installed file, read from the layer that holds its visible version.
     */
    static InstalledPackages packages(AnalysedImage image, FileTree tree, List<VisibleFile> visible) {
        InstalledPackages fromPaths = InstalledPackages.fromPaths(visible);
        if (!fromPaths.isEmpty()) return fromPaths;
        for (String db : InstalledPackages.DATABASE_FILES) {
            Optional<VisibleFile> f = tree.lookup(db);
            if (f.isEmpty() || f.get().kind() != EntryKind.FILE || f.get().size() > MAX_DATABASE_BYTES) continue;
            var layer = image.image().layers().get(f.get().layer());
            Optional<byte[]> bytes = LayerFileReader.read(image.archive(), layer, db, MAX_DATABASE_BYTES,
                    image.scanOptions().maxInflateRatio());
            if (bytes.isPresent()) return InstalledPackages.parse(db, new String(bytes.get(), StandardCharsets.UTF_8));
        }
        return InstalledPackages.NONE;
    }
}
