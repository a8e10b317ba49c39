package io.strata.analysis;

import io.strata.archive.ImageEntry;
import io.strata.layer.LayerIndex;
import io.strata.model.Digest;

import java.util.HashSet;
import java.util.List;
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
        Set<String> contents = new HashSet<>();
        Set<Digest> layers = new HashSet<>();
        long total = 0;
        for (Reports.ListedImage image : images) {
            for (LayerIndex l : image.layers().stream().flatMap(Optional::stream).toList()) {
                if (!layers.add(l.totals().diffId())) continue; // a layer's contents are already counted
                for (int i = 0; i < l.size(); i++) {
                    if (l.hasDigest(i) && contents.add(l.sha256(i).orElseThrow().hex())) total += l.size(i);
                }
            }
        }
        return total;
    }
}
