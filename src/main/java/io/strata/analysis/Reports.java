package io.strata.analysis;

import io.strata.archive.ImageEntry;
import io.strata.archive.LayerRef;
import io.strata.layer.LayerIndex;
import io.strata.model.Digest;
import io.strata.model.HistoryEntry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Pure functions from scanned images to the inspect and history reports. */
public final class Reports {
    private Reports() {
    }

    /** An image with its scanned layers, in manifest order. */
    public record ScannedImage(ImageEntry image, List<LayerIndex> layers) {
    }

    /**
     * Sizes of every image and of the set. A layer is identified by its diffId; sharedBytes of an image are the
     * contentBytes of its layers that another image of the set also uses.
     */
    public static SetReport inspect(List<ScannedImage> images) {
        Map<Digest, Set<Integer>> users = new HashMap<>();
        Map<Digest, Long> distinct = new HashMap<>();
        for (int i = 0; i < images.size(); i++) {
            for (LayerIndex l : images.get(i).layers()) {
                users.computeIfAbsent(l.totals().diffId(), k -> new HashSet<>()).add(i);
                distinct.put(l.totals().diffId(), l.totals().contentBytes());
            }
        }
        List<ImageReport> reports = new ArrayList<>();
        long logical = 0;
        for (int i = 0; i < images.size(); i++) {
            ScannedImage s = images.get(i);
            List<Optional<String>> steps = LayerAttribution.createdBy(s.image().config(), s.layers().size());
            List<LayerReport> layers = new ArrayList<>();
            long imageLogical = 0;
            long shared = 0;
            for (int l = 0; l < s.layers().size(); l++) {
                LayerIndex idx = s.layers().get(l);
                LayerRef ref = s.image().layers().get(l);
                var t = idx.totals();
                boolean isShared = users.get(t.diffId()).size() > 1;
                layers.add(new LayerReport(l, t.blobDigest(), t.diffId(), ref.configDiffId(), ref.mediaType(),
                        t.compression(), t.compressedBytes(), t.tarBytes(), t.contentBytes(), t.entries(),
                        steps.get(l), isShared));
                imageLogical += t.contentBytes();
                if (isShared) shared += t.contentBytes();
            }
            logical += imageLogical;
            reports.add(new ImageReport(s.image(), layers, imageLogical, shared, imageLogical - shared));
        }
        long real = distinct.values().stream().mapToLong(Long::longValue).sum();
        return new SetReport(reports, logical, real);
    }

    /** `docker history` rows, newest first, sizes from the scanned layers (contentBytes and tarBytes). */
    public static List<HistoryRow> history(ScannedImage s) {
        List<HistoryRow> rows = new ArrayList<>();
        int layer = 0;
        List<HistoryEntry> history = s.image().config().history();
        for (HistoryEntry h : history) {
            if (h.emptyLayer()) {
                rows.add(new HistoryRow(h.created(), h.createdBy(), h.comment(), true, 0, 0, Optional.empty()));
            } else if (layer < s.layers().size()) {
                var t = s.layers().get(layer).totals();
                rows.add(new HistoryRow(h.created(), h.createdBy(), h.comment(), false, t.contentBytes(),
                        t.tarBytes(), Optional.of(layer)));
                layer++;
            } else {
                rows.add(new HistoryRow(h.created(), h.createdBy(), h.comment(), false, 0, 0, Optional.empty()));
            }
        }
        // layers without a history step (history absent or short) still show, as docker does
        for (; layer < s.layers().size(); layer++) {
            var t = s.layers().get(layer).totals();
            rows.add(new HistoryRow(Optional.empty(), Optional.empty(), Optional.empty(), false, t.contentBytes(),
                    t.tarBytes(), Optional.of(layer)));
        }
        List<HistoryRow> newestFirst = new ArrayList<>(rows);
        java.util.Collections.reverse(newestFirst);
        return newestFirst;
    }
}
