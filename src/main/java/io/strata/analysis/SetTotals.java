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
 * What storing a set of images together really costs (docs/design.md, "Sizes", per analysed set): {@code logicalBytes}
 * sums every image, {@code realBytes} counts each distinct layer once, {@code contentDedupBytes} counts each
 * distinct regular-file content (by SHA-256) once across every layer of every image.
 */
public record SetTotals(int images, long logicalBytes, long realBytes, long contentDedupBytes) {

    /**
     * Takes the images of a set one at a time, as they are analysed, and keeps only what the set's figures need:
     * each layer's totals, and 128 bits of digest per distinct file content. Memory grows with distinct contents,
     * not with every entry of every layer of hundreds of images.
     */
    public static final class Builder {
        private final List<ListedImage> images = new ArrayList<>();
        private final Set<Digest> layers = new HashSet<>();
        private final DigestSet contents = new DigestSet();
        private long contentDedupBytes;

        public void add(ListedImage image) {
            for (LayerIndex l : image.layers().stream().flatMap(Optional::stream).toList()) {
                if (!layers.add(l.totals().diffId())) continue; // a layer's contents are already counted
                for (int i = 0; i < l.size(); i++) {
                    if (l.hasDigest(i) && contents.add(l, i)) contentDedupBytes += l.size(i);
                }
            }
            images.add(image.withoutEntries());
        }

        /** The images added, with their layers' totals but without their entries. */
        public List<ListedImage> images() {
            return List.copyOf(images);
        }

        public long contentDedupBytes() {
            return contentDedupBytes;
        }

        public SetTotals build() {
            SetReport set = SetSizes.of(images);
            int containerImages = (int) images.stream().filter(i -> i.image().kind() == ImageEntry.Kind.IMAGE).count();
            return new SetTotals(containerImages, set.logicalBytes(), set.realBytes(), contentDedupBytes);
        }
    }

    /**
     * Content digests by their first 128 bits, two longs each, in one open-addressing table filled to at most
     * three quarters: no object per content, 21 bytes per distinct file. Two different files sharing 128 bits of
     * SHA-256 would count once; among millions of files the odds are below 10^-25.
     */
    private static final class DigestSet {
        private long[] words = new long[2 * 1024];
        private boolean[] used = new boolean[1024];
        private int size;

        /** Adds entry i's content digest; false when it was there already. */
        boolean add(LayerIndex l, int i) {
            if (4 * (size + 1) > 3 * used.length) grow();
            long w0 = l.digestWord(i, 0);
            long w1 = l.digestWord(i, 1);
            int slot = find(w0, w1);
            if (used[slot]) return false;
            put(slot, w0, w1);
            size++;
            return true;
        }

        private int find(long w0, long w1) {
            int mask = used.length - 1;
            int s = (int) (w0 ^ (w0 >>> 32)) & mask; // digest bytes are uniformly spread already
            while (used[s] && !(words[2 * s] == w0 && words[2 * s + 1] == w1)) s = (s + 1) & mask;
            return s;
        }

        private void put(int s, long w0, long w1) {
            used[s] = true;
            words[2 * s] = w0;
            words[2 * s + 1] = w1;
        }

        private void grow() {
            long[] oldWords = words;
            boolean[] oldUsed = used;
            words = new long[oldWords.length * 2];
            used = new boolean[oldUsed.length * 2];
            for (int s = 0; s < oldUsed.length; s++) {
                if (oldUsed[s]) put(find(oldWords[2 * s], oldWords[2 * s + 1]), oldWords[2 * s], oldWords[2 * s + 1]);
            }
        }
    }
}
