package io.strata.diff;

import io.strata.archive.ImageEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything two images differ in, section by section; a section not asked for is absent. The images are
 * identical under the options when every section present is. Notes explain, without counting as differences.
 */
public record ImageDiff(Side a, Side b, DiffOptions options, Optional<ConfigDiff> config,
                        Optional<HistoryAlignment> history, Optional<LayerAlignment> layers, Optional<FileDiff> files) {

    /** Which image a side is, without its scanned layers. */
    public record Side(String archive, ImageEntry image) {
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
        return new ImageDiff(new Side(a.archive(), ia), new Side(b.archive(), ib), options, config, history, layers,
                files);
    }

    public boolean identical() {
        return config.map(ConfigDiff::identical).orElse(true)
                && history.map(HistoryAlignment::identical).orElse(true)
                && layers.map(LayerAlignment::identical).orElse(true)
                && files.map(FileDiff::identical).orElse(true);
    }

    public List<String> notes() {
        List<String> out = new ArrayList<>();
        config.flatMap(ConfigDiff::note).ifPresent(out::add);
        layers.filter(l -> l.commonStoredDifferently() > 0).ifPresent(l -> out.add(l.commonStoredDifferently()
                + " of the " + l.common().size() + " common layers are stored as other blobs (compression or media "
                + "type); their content is the same"));
        return out;
    }
}
