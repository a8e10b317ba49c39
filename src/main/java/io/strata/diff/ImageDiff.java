package io.strata.diff;

import io.strata.archive.ImageEntry;
import io.strata.layer.LayerIndex;
import io.strata.model.Digest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything two images differ in, section by section; a section not asked for is absent. The images are
 * identical under the options when every section present is. Notes explain, without counting as differences.
 */
public record ImageDiff(Side a, Side b, DiffOptions options, Optional<ConfigDiff> config,
                        Optional<HistoryAlignment> history, Optional<LayerAlignment> layers,
                        Optional<PackageDiff> packages, Optional<FileDiff> files, List<String> extraNotes) {

    public ImageDiff {
        extraNotes = List.copyOf(extraNotes);
    }

    /**
     * Which image a side is, without its scanned layers; its package inventory when the packages were read (the
     * report's diff page names the package that owns each changed path).
     */
    public record Side(String archive, ImageEntry image, Optional<io.strata.packages.Inventory> packages) {
        public Side(String archive, ImageEntry image) {
            this(archive, image, Optional.empty());
        }
    }

    public static ImageDiff compute(DiffSide a, DiffSide b, DiffOptions options) {
        ImageEntry ia = a.image();
        ImageEntry ib = b.image();
        Optional<ConfigDiff> config = options.includes(Section.CONFIG)
                ? Optional.of(ConfigDiff.compare(ia, ib, options.timestamps())) : Optional.empty();
        Optional<HistoryAlignment> history = options.includes(Section.HISTORY)
                ? Optional.of(HistoryAlignment.align(ia.config().history(), ib.config().history(), options.timestamps()))
                : Optional.empty();
        Optional<LayerAlignment> layers = options.includes(Section.LAYERS)
                ? Optional.of(LayerAlignment.align(a, b)) : Optional.empty();
        Optional<FileDiff> files = options.includes(Section.FILES)
                ? Optional.of(FileDiff.compare(a, b, options)) : Optional.empty();
        Optional<PackageDiff> packages = options.includes(Section.PACKAGES) && a.packages().isPresent()
                && b.packages().isPresent()
                ? Optional.of(PackageDiff.compare(a.packages().get(), a.scanned().merged(), b.packages().get(),
                b.scanned().merged())) : Optional.empty();
        List<String> mismatches = new ArrayList<>();
        claimMismatches("A", a, mismatches);
        claimMismatches("B", b, mismatches);
        return new ImageDiff(new Side(a.archive(), ia, a.packages()), new Side(b.archive(), ib, b.packages()), options,
                config, history, layers,
                packages, files, mismatches);
    }

    /** A scanned layer whose content hashes to another diffId than its config claims is worth saying. */
    private static void claimMismatches(String side, DiffSide s, List<String> out) {
        if (s.layers().isEmpty()) return;
        List<LayerIndex> scanned = s.layers().get();
        for (int i = 0; i < scanned.size() && i < s.image().layers().size(); i++) {
            Digest actual = scanned.get(i).totals().diffId();
            Optional<Digest> claim = s.image().layers().get(i).configDiffId();
            if (claim.isPresent() && !claim.get().equals(actual)) {
                out.add("side " + side + " layer " + i + ": its content is " + actual.shortHex()
                        + " but the config claims " + claim.get().shortHex() + " (the diff uses the content)");
            }
        }
    }

    private static String storedNote(int differently, int common) {
        String which = differently < common ? differently + " of the " + common + " common layers are"
                : common == 1 ? "the common layer is" : "all " + common + " common layers are";
        return which + " stored differently (compression or media type); the content is the same";
    }

    /** The same diff with one more note (about how the inputs were read, which only the caller knows). */
    public ImageDiff withNote(String note) {
        List<String> more = new ArrayList<>(extraNotes);
        more.add(note);
        return new ImageDiff(a, b, options, config, history, layers, packages, files, more);
    }

    public boolean identical() {
        return config.map(ConfigDiff::identical).orElse(true)
                && history.map(HistoryAlignment::identical).orElse(true)
                && layers.map(LayerAlignment::identical).orElse(true)
                && packages.map(PackageDiff::identical).orElse(true)
                && files.map(FileDiff::identical).orElse(true);
    }

    public List<String> notes() {
        List<String> out = new ArrayList<>();
        config.flatMap(ConfigDiff::note).ifPresent(out::add);
        layers.filter(l -> l.commonStoredDifferently() > 0).ifPresent(l -> out.add(storedNote(
                l.commonStoredDifferently(), l.common().size())));
        out.addAll(extraNotes);
        return out;
    }
}
