package io.strata.advise;

import io.strata.analysis.LayerAttribution;
import io.strata.archive.ImageArchive;
import io.strata.archive.ImageArchives;
import io.strata.archive.ImageEntry;
import io.strata.layer.LayerIndex;
import io.strata.layer.LayerLoader;
import io.strata.testing.ImageBuilder;
import io.strata.tree.FileTree;
import io.strata.tree.OverlayMerger;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Runs the advisor on an archive through the real reading pipeline (open, scan, merge). */
final class AdviceFixture {
    private AdviceFixture() {
    }

    static AdviceReport advise(ImageBuilder image, Path dir) throws Exception {
        return advise(image.write(dir, "image.tar"), 0, InstalledPackages.NONE);
    }

    static AdviceReport advise(Path archive, int imageIndex, InstalledPackages packages) throws Exception {
        return advise(archive, imageIndex, packages, io.strata.packages.PackageReaders.databases());
    }

    /** With the inventory of these readers (the scan captures what they read). */
    static AdviceReport advise(Path archive, int imageIndex, InstalledPackages packages,
                               List<io.strata.packages.DatabaseReader> readers) throws Exception {
        var capture = new io.strata.packages.PackageCapture(readers, List.of(),
                io.strata.packages.PackageCapture.DEFAULT_MAX_FILE_BYTES, io.strata.packages.PackageCapture.DEFAULT_MAX_LAYER_BYTES);
        try (ImageArchive a = ImageArchives.open(archive.toString());
             LayerLoader loader = new LayerLoader(io.strata.layer.LayerScanner.Options.DEFAULT.withTap(capture), 2)) {
            ImageEntry image = a.images().get(imageIndex);
            List<LayerIndex> layers = loader.load(a, image.layers());
            FileTree tree = OverlayMerger.merge(layers);
            InstalledPackages pkgs = packages.isEmpty() ? InstalledPackages.fromPaths(tree.visible()) : packages;
            List<Optional<String>> createdBy = LayerAttribution.createdBy(image.config(), layers.size());
            return Advisor.advise(new ImageFacts(tree, image.config().history(), createdBy, pkgs)
                    .withInventory(io.strata.session.AdviceInputs.inventory(
                            io.strata.packages.PackageInventory.of(tree, createdBy, readers))));
        }
    }

    static List<Advice> of(AdviceReport report, RuleId rule) {
        return report.advice().stream().filter(a -> a.rule() == rule).toList();
    }

    static Advice only(AdviceReport report, RuleId rule) {
        List<Advice> found = of(report, rule);
        if (found.size() != 1) throw new AssertionError("expected one " + rule.id() + " advice, got " + report.advice());
        return found.get(0);
    }

    static List<String> evidencePaths(Advice a) {
        return a.evidence().stream().map(Advice.Evidence::path).toList();
    }
}
