package io.strata.analysis;

import io.strata.archive.ImageEntry;
import io.strata.layer.LayerIndex;
import io.strata.model.Digest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The inspect report: the sizes of every image and of the set, and which layers images share. */
public final class SetSizes {
    private SetSizes() {
    }

    /**
     * Sizes of every image and of the set. A layer is identified by its diffId; sharedBytes of an image are the
     * contentBytes of its layers that another image of the set also uses. Artifacts take no part in sharing.
     */
    public static SetReport of(List<ListedImage> images) {
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
}
