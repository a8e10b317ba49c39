package io.strata.session;

import io.strata.advise.AdvisedPackage;
import io.strata.advise.ImageFacts;
import io.strata.advise.InstalledPackages;
import io.strata.layer.EntryKind;
import io.strata.packages.InstalledPackage;
import io.strata.packages.Inventory;
import io.strata.tree.FileTree;
import io.strata.tree.VisibleFile;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** Gathers what the advice rules read for one analysed image: tree, history, installed packages. */
public final class AdviceInputs {
    private static final int MAX_DATABASE_BYTES = 32 << 20;

    /** The facts of one image, kept with it (AnalysedImage.adviceFacts). */
    static final AnalysedImage.Extension<ImageFacts> FACTS = AdviceInputs::facts;

    private AdviceInputs() {
    }

    static ImageFacts facts(AnalysedImage image) {
        FileTree tree = image.tree();
        List<VisibleFile> visible = tree.visible();
        return new ImageFacts(tree, visible, image.image().config().history(), image.createdBy(),
                packages(image, tree, visible)).withInventory(inventory(image.packages()));
    }

    /** The package inventory as the advice rules read it (relative paths; no reader types in advise). */
    public static List<AdvisedPackage> inventory(Inventory inventory) {
        List<AdvisedPackage> out = new java.util.ArrayList<>();
        for (InstalledPackage p : inventory.packages()) {
            out.add(new AdvisedPackage(p.ecosystem().wire(), p.name(), p.version(),
                    p.files().stream().map(AdviceInputs::relative).toList(), p.bytes(), p.declared().auto(),
                    p.declared().dev(), p.requiredBy(), p.recommendedBy(), p.layer().index(),
                    p.declared().ownedPrefixes().stream().map(AdviceInputs::relative).toList(),
                    p.declared().source().orElse(p.name())));
        }
        return out;
    }

    private static String relative(String absolute) {
        return absolute.startsWith("/") ? absolute.substring(1) : absolute;
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
            Optional<byte[]> bytes = image.read(f.get(), MAX_DATABASE_BYTES);
            if (bytes.isPresent()) return InstalledPackages.parse(db, new String(bytes.get(), StandardCharsets.UTF_8));
        }
        return InstalledPackages.NONE;
    }
}
