package io.strata.analysis;

import io.strata.archive.ImageEntry;
import io.strata.layer.LayerIndex;
import io.strata.model.Digest;
import io.strata.model.HistoryEntry;

import java.util.ArrayList;
import java.util.Collections;
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

    /** An image with all its layers scanned, in manifest order. */
    public record ScannedImage(ImageEntry image, List<LayerIndex> layers) {
    }

    /**
     * An image as far as it could be read: one entry per manifest layer, empty where the layer was not scanned
     * (its blob is missing, or the image is an artifact whose blobs are not filesystem layers).
     */
    public record ListedImage(ImageEntry image, List<Optional<LayerIndex>> layers) {
        public ListedImage {
            layers = List.copyOf(layers);
            if (layers.size() != image.layers().size()) {
                throw new IllegalArgumentException("one entry per manifest layer expected");
            }
        }

        public static ListedImage of(ScannedImage s) {
            return new ListedImage(s.image(), s.layers().stream().map(Optional::of).toList());
        }

        /** The same image with each layer's totals and findings but not its entries (see SetTotals.Builder). */
        public ListedImage withoutEntries() {
            return new ListedImage(image, layers.stream().map(l -> l.map(LayerIndex::withoutEntries)).toList());
        }
    }

    /**
     * Sizes of every image and of the set. A layer is identified by its diffId; sharedBytes of an image are the
     * contentBytes of its layers that another image of the set also uses. Artifacts take no part in sharing.
     */
    public static SetReport inspect(List<ListedImage> images) {
        Map<Digest, Set<Integer>> users = new HashMap<>();
        Map<Digest, Long> distinct = new HashMap<>();
        for (int i = 0; i < images.size(); i++) {
            ListedImage s = images.get(i);
            if (s.image().kind() != ImageEntry.Kind.IMAGE) continue;
            for (int l = 0; l < s.layers().size(); l++) {
                Optional<Digest> id = identity(s, l);
                if (id.isEmpty()) continue;
                users.computeIfAbsent(id.get(), k -> new HashSet<>()).add(i);
            }
        }
        List<ImageReport> reports = new ArrayList<>();
        long logical = 0;
        for (int i = 0; i < images.size(); i++) {
            ListedImage s = images.get(i);
            boolean filesystem = s.image().kind() == ImageEntry.Kind.IMAGE;
            List<Optional<String>> steps = filesystem
                    ? LayerAttribution.createdBy(s.image().config(), s.layers().size())
                    : Collections.nCopies(s.layers().size(), Optional.empty());
            List<Boolean> buildKit = filesystem
                    ? LayerAttribution.builtByBuildKit(s.image().config(), s.layers().size())
                    : Collections.nCopies(s.layers().size(), false);
            List<LayerReport> layers = new ArrayList<>();
            long imageLogical = 0;
            long shared = 0;
            for (int l = 0; l < s.layers().size(); l++) {
                Optional<LayerIndex.Totals> t = s.layers().get(l).map(LayerIndex::totals);
                Optional<Digest> id = filesystem ? identity(s, l) : Optional.empty();
                boolean isShared = id.map(d -> users.get(d).size() > 1).orElse(false);
                LayerReport report = new LayerReport(l, s.image().layers().get(l), t, steps.get(l), isShared,
                        buildKit.get(l));
                layers.add(report);
                long content = report.contentBytes().orElse(0L);
                // realBytes counts each layer once, by the figure its images show (BuildKit's or the classic one)
                if (id.isPresent() && t.isPresent()) distinct.put(id.get(), content);
                imageLogical += content;
                if (isShared) shared += content;
            }
            logical += imageLogical;
            reports.add(new ImageReport(s.image(), layers, imageLogical, shared, imageLogical - shared));
        }
        long real = distinct.values().stream().mapToLong(Long::longValue).sum();
        return new SetReport(reports, logical, real);
    }

    /** A filesystem layer's identity for sharing: the diffId computed by the scan, else the config's. */
    private static Optional<Digest> identity(ListedImage s, int layer) {
        return s.layers().get(layer).map(idx -> idx.totals().diffId())
                .or(() -> s.image().layers().get(layer).configDiffId());
    }

    /** `docker history` rows of a fully scanned image, newest first. */
    public static List<HistoryRow> history(ScannedImage s) {
        return history(ListedImage.of(s));
    }

    /** `docker history` rows, newest first, sizes from the scanned layers (contentBytes and tarBytes). */
    public static List<HistoryRow> history(ListedImage s) {
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
                t.map(x -> buildKit ? x.regularFileBytes() : x.contentBytes()), t.map(LayerIndex.Totals::tarBytes),
                Optional.of(layer));
    }
}
