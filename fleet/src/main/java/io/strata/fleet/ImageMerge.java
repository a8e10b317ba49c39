package io.strata.fleet;

import io.strata.analysis.waste.WasteAnalysis;
import io.strata.analysis.waste.WasteReport;
import io.strata.layer.LayerIndex;
import io.strata.packages.InstalledPackage;
import io.strata.packages.Inventory;
import io.strata.packages.PackageInventory;
import io.strata.tree.FileTree;
import io.strata.tree.LayerStack;
import io.strata.tree.VisibleFile;
import scala.Tuple2;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Stage 4: one image's layer indexes merged in manifest order as the session merges them (tree.LayerStack); its
 * waste figures (WasteAnalysis) and its packages (PackageInventory, from the databases the scans captured), as
 * `strata waste` and `strata packages` compute them.
 */
final class ImageMerge {
    private ImageMerge() {
    }

    /** {@code layers}: (position in the manifest, serialised index) for every layer of {@code image}. */
    static ImageResult merge(FleetImage image, Iterable<Tuple2<Integer, byte[]>> layers, boolean withFiles) {
        LayerIndex[] ordered = new LayerIndex[image.layers().size()];
        try {
            for (Tuple2<Integer, byte[]> l : layers) {
                ordered[l._1()] = BlobScanner.decode(image.layers().get(l._1()).key(), l._2());
            }
        } catch (IOException e) {
            return ImageResult.failed(image.id(), image.archive() + ": " + image.name() + ": a layer index came back"
                    + " damaged: " + e.getMessage());
        }
        for (int i = 0; i < ordered.length; i++) {
            if (ordered[i] == null) {
                return ImageResult.failed(image.id(), image.archive() + ": " + image.name() + ": layer " + i
                        + " was not scanned");
            }
        }
        FileTree tree = LayerStack.of(List.of(ordered)).merged();
        List<Optional<String>> steps = image.createdBy().stream().map(Optional::ofNullable).toList();
        WasteReport r = WasteAnalysis.analyse(tree, steps);
        List<VisibleFile> visible = tree.visible();
        List<ImageResult.FileRow> files = withFiles ? files(image.id(), visible) : List.of();
        Inventory inventory = PackageInventory.of(tree, steps);
        List<ImageResult.PackageRow> packages = new ArrayList<>();
        for (InstalledPackage p : inventory.packages()) {
            packages.add(new ImageResult.PackageRow(image.id(), p.ecosystem().wire(), p.name(), p.version(),
                    p.arch().orElse(null), p.purl().isEmpty() ? null : p.purl(), p.layer().index(),
                    p.layer().diffId().toString(), p.layer().createdBy().orElse(null), p.lastChangedLayer().index(),
                    p.files().size(), p.bytes()));
        }
        return new ImageResult(image.id(), r.logicalBytes(), r.squashedBytes(), r.wastedBytes(),
                r.hardlinkKeptBytes(), r.duplicateBytes(), r.efficiency(), r.dive().efficiency(),
                r.dive().wastedBytes(), r.dive().userWastedPercent(), visible.size(), files, packages, null);
    }

    private static List<ImageResult.FileRow> files(String imageId, List<VisibleFile> visible) {
        List<ImageResult.FileRow> out = new ArrayList<>(visible.size());
        for (VisibleFile f : visible) {
            out.add(new ImageResult.FileRow(imageId, f.path().absolute(), f.kind().name().toLowerCase(), f.mode(), f.uid(),
                    f.gid(), f.size(), f.sha256().map(Object::toString).orElse(null), f.linkTarget().orElse(null),
                    f.layer()));
        }
        return out;
    }
}
