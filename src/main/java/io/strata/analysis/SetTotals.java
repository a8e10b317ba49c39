package io.strata.analysis;

import io.strata.archive.ImageEntry;
import io.strata.layer.LayerIndex;
import io.strata.model.Digest;

import java.util.ArrayList;
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
        Builder b = new Builder();
        images.forEach(b::add);
        return b.build();
    }

    /**
     * Takes the images of a set one at a time, as they are analysed, and keeps only what the set's figures need:
     * each layer's totals, and one 32-byte digest per distinct file content. Memory grows with distinct contents,
     * not with every entry of every layer of hundreds of images.
     */
    public static final class Builder {
        private final List<Reports.ListedImage> images = new ArrayList<>();
        private final Set<Digest> layers = new HashSet<>();
        private final DigestSet contents = new DigestSet();
        private long contentDedupBytes;

        public void add(Reports.ListedImage image) {
            for (LayerIndex l : image.layers().stream().flatMap(Optional::stream).toList()) {
                if (!layers.add(l.totals().diffId())) continue; // a layer's contents are already counted
                for (int i = 0; i < l.size(); i++) {
                    if (l.hasDigest(i) && contents.add(l, i)) contentDedupBytes += l.size(i);
                }
            }
            images.add(image.withoutEntries());
        }

        /** The images added, with their layers' totals but without their entries. */
        public List<Reports.ListedImage> images() {
            return List.copyOf(images);
        }

        public long contentDedupBytes() {
            return contentDedupBytes;
        }

        public SetTotals build() {
            SetReport set = Reports.inspect(images);
            int containerImages = (int) images.stream().filter(i -> i.image().kind() == ImageEntry.Kind.IMAGE).count();
            return new SetTotals(containerImages, set.logicalBytes(), set.realBytes(), contentDedupBytes);
        }
    }

    /** SHA-256 digests, four longs each, in one open-addressing table: no object per content. */
    private static final class DigestSet {
        private long[] words = new long[4 * 1024];
        private boolean[] used = new boolean[1024];
        private int size;

        /** Adds entry i's content digest; false when it was there already. */
        boolean add(LayerIndex l, int i) {
            if (2 * (size + 1) > used.length) grow();
            long w0 = l.digestWord(i, 0);
            long w1 = l.digestWord(i, 1);
            long w2 = l.digestWord(i, 2);
            long w3 = l.digestWord(i, 3);
            int slot = find(w0, w1, w2, w3);
            if (used[slot]) return false;
            put(slot, w0, w1, w2, w3);
            size++;
            return true;
        }

        private int find(long w0, long w1, long w2, long w3) {
            int mask = used.length - 1;
            int s = (int) (w0 ^ (w0 >>> 32)) & mask; // digest bytes are uniformly spread already
            while (used[s] && !(words[4 * s] == w0 && words[4 * s + 1] == w1 && words[4 * s + 2] == w2
                    && words[4 * s + 3] == w3)) {
                s = (s + 1) & mask;
            }
            return s;
        }

        private void put(int s, long w0, long w1, long w2, long w3) {
            used[s] = true;
            words[4 * s] = w0;
            words[4 * s + 1] = w1;
            words[4 * s + 2] = w2;
            words[4 * s + 3] = w3;
        }

        private void grow() {
            long[] oldWords = words;
            boolean[] oldUsed = used;
            words = new long[oldWords.length * 2];
            used = new boolean[oldUsed.length * 2];
            for (int s = 0; s < oldUsed.length; s++) {
                if (!oldUsed[s]) continue;
                long w0 = oldWords[4 * s];
                long w1 = oldWords[4 * s + 1];
                long w2 = oldWords[4 * s + 2];
                long w3 = oldWords[4 * s + 3];
                put(find(w0, w1, w2, w3), w0, w1, w2, w3);
            }
        }
    }
}
