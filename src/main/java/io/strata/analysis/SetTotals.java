package io.strata.analysis;

import io.strata.archive.ImageEntry;
import io.strata.layer.LayerIndex;
import io.strata.model.Digest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What storing a set of images together really costs (DESIGN section 2, per analysed set): {@code logicalBytes}
 * sums every image, {@code realBytes} counts each distinct layer once, {@code contentDedupBytes} counts each
 * distinct regular-file content (by SHA-256) once across every layer of every image.
 */
public record SetTotals(int images, long logicalBytes, long realBytes, long contentDedupBytes) {

    public static SetTotals of(List<Reports.ListedImage> images) {
        SetReport set = Reports.inspect(images);
        int containerImages = (int) images.stream().filter(i -> i.image().kind() == ImageEntry.Kind.IMAGE).count();
        return new SetTotals(containerImages, set.logicalBytes(), set.realBytes(), contentDedupBytes(images));
    }

    /** Bytes of distinct file contents across every scanned layer of every image (each content counted once). */
    public static long contentDedupBytes(List<Reports.ListedImage> images) {
        // contents found by a 64-bit prefix of their digest, told apart by the whole digest: no string per file
        Map<Long, List<long[]>> seen = new HashMap<>();
        List<LayerIndex> scanned = new ArrayList<>();
        Set<Digest> layers = new HashSet<>();
        long total = 0;
        for (Reports.ListedImage image : images) {
            for (LayerIndex l : image.layers().stream().flatMap(Optional::stream).toList()) {
                if (!layers.add(l.totals().diffId())) continue; // a layer's contents are already counted
                int layer = scanned.size();
                scanned.add(l);
                for (int i = 0; i < l.size(); i++) {
                    if (l.hasDigest(i) && firstOfItsContent(seen, scanned, layer, i)) total += l.size(i);
                }
            }
        }
        return total;
    }

    private static boolean firstOfItsContent(Map<Long, List<long[]>> seen, List<LayerIndex> scanned, int layer,
                                             int entry) {
        LayerIndex l = scanned.get(layer);
        List<long[]> candidates = seen.computeIfAbsent(l.digestPrefix(entry), k -> new ArrayList<>(1));
        for (long[] c : candidates) {
            if (l.sameContent(entry, scanned.get((int) c[0]), (int) c[1])) return false;
        }
        candidates.add(new long[]{layer, entry});
        return true;
    }
}
