package io.strata.analysis;

import io.strata.layer.LayerIndex;
import io.strata.model.HistoryEntry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** The history report: an image's `docker history` rows, with sizes from its scanned layers. */
public final class DockerHistory {
    private DockerHistory() {
    }

    /** `docker history` rows, newest first, sizes from the scanned layers (contentBytes and tarBytes). */
    public static List<HistoryRow> rows(ListedImage s) {
        List<HistoryRow> rows = new ArrayList<>();
        int layer = 0;
        for (HistoryEntry h : s.image().config().history()) {
            if (h.emptyLayer()) {
                rows.add(new HistoryRow(h.created(), h.createdBy(), h.comment(), true, Optional.of(0L),
                        Optional.of(0L), Optional.empty()));
            } else if (layer < s.layers().size()) {
                rows.add(layerRow(h, s.layers().get(layer), layer));
                layer++;
            } else {
                // more non-empty steps than layers: docker shows them at 0B
                rows.add(new HistoryRow(h.created(), h.createdBy(), h.comment(), false, Optional.of(0L),
                        Optional.of(0L), Optional.empty()));
            }
        }
        // layers without a history step (history absent or short) still show, as docker does
        for (; layer < s.layers().size(); layer++) {
            rows.add(layerRow(new HistoryEntry(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    false), s.layers().get(layer), layer));
        }
        List<HistoryRow> newestFirst = new ArrayList<>(rows);
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    private static HistoryRow layerRow(HistoryEntry h, Optional<LayerIndex> scanned, int layer) {
        Optional<LayerIndex.Totals> t = scanned.map(LayerIndex::totals);
        // a BuildKit step's SIZE leaves symlink targets out, as BuildKit's docker history does
        boolean buildKit = h.comment().map(LayerAttribution.BUILDKIT_COMMENT::equals).orElse(false);
        return new HistoryRow(h.created(), h.createdBy(), h.comment(), false,
                t.map(x -> x.historyBytes(buildKit)), t.map(LayerIndex.Totals::tarBytes),
                Optional.of(layer));
    }
}
