package io.strata.diff;

import io.strata.archive.LayerRef;
import io.strata.layer.LayerIndex;
import io.strata.model.Digest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The two layer stacks aligned by diffId: the common base (the same layers in the same order from the bottom),
 * then the layers above it on each side. The diffIds are the ones computed while scanning, not the config's.
 * {@code commonStoredDifferently} counts common layers kept as other blobs (a note, not a difference).
 */
public record LayerAlignment(List<AlignedLayer> common, List<AlignedLayer> onlyInA, List<AlignedLayer> onlyInB,
                             int commonStoredDifferently) {

    public LayerAlignment {
        common = List.copyOf(common);
        onlyInA = List.copyOf(onlyInA);
        onlyInB = List.copyOf(onlyInB);
    }

    public boolean identical() {
        return onlyInA.isEmpty() && onlyInB.isEmpty();
    }

    public static LayerAlignment align(DiffSide a, DiffSide b) {
        List<LayerIndex> la = a.scanned().layers();
        List<LayerIndex> lb = b.scanned().layers();
        int base = commonBase(la, lb);
        List<Optional<String>> stepsA = a.steps();
        List<Optional<String>> stepsB = b.steps();
        List<AlignedLayer> common = new ArrayList<>();
        for (int i = 0; i < base; i++) common.add(layer(la, stepsA, i, Optional.of(i)));
        return new LayerAlignment(common, above(la, stepsA, base, lb), above(lb, stepsB, base, la),
                storedDifferently(a, b, base));
    }

    /** Common layers declared as other blobs (digest or media type): the same content, compressed otherwise. */
    private static int storedDifferently(DiffSide a, DiffSide b, int base) {
        int n = 0;
        for (int i = 0; i < base; i++) {
            LayerRef ra = a.image().layers().get(i);
            LayerRef rb = b.image().layers().get(i);
            boolean otherDigest = ra.declaredDigest().isPresent() && rb.declaredDigest().isPresent()
                    && !ra.declaredDigest().equals(rb.declaredDigest());
            if (otherDigest || !ra.mediaType().equals(rb.mediaType())) n++;
        }
        return n;
    }

    /** How many layers from the bottom the two stacks share, by diffId. */
    public static int commonBase(List<LayerIndex> a, List<LayerIndex> b) {
        int n = Math.min(a.size(), b.size());
        int i = 0;
        while (i < n && a.get(i).totals().diffId().equals(b.get(i).totals().diffId())) i++;
        return i;
    }

    private static List<AlignedLayer> above(List<LayerIndex> side, List<Optional<String>> steps, int base,
                                            List<LayerIndex> other) {
        Map<Digest, Integer> otherAt = new HashMap<>();
        for (int i = other.size() - 1; i >= base; i--) otherAt.put(other.get(i).totals().diffId(), i);
        List<AlignedLayer> out = new ArrayList<>();
        for (int i = base; i < side.size(); i++) {
            out.add(layer(side, steps, i, Optional.ofNullable(otherAt.get(side.get(i).totals().diffId()))));
        }
        return out;
    }

    private static AlignedLayer layer(List<LayerIndex> side, List<Optional<String>> steps, int i,
                                      Optional<Integer> otherIndex) {
        var t = side.get(i).totals();
        return new AlignedLayer(i, t.diffId(), t.contentBytes(), steps.get(i), otherIndex);
    }
}
