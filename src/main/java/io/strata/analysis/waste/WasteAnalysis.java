package io.strata.analysis.waste;

import io.strata.layer.EntryKind;
import io.strata.layer.LayerIndex;
import io.strata.tree.FileTree;
import io.strata.tree.HiddenVersion;
import io.strata.tree.VisibleFile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Computes a {@link WasteReport} from a merged tree: a pure function, no I/O. */
public final class WasteAnalysis {
    private WasteAnalysis() {
    }

    /** {@code createdBy} holds the history step of each layer (see LayerAttribution). */
    public static WasteReport analyse(FileTree tree, List<Optional<String>> createdBy) {
        return analyse(tree, createdBy, diveAsync(tree.layers()));
    }

    /**
     * dive's figures need only the layers, not the merged tree: started as soon as the layers are scanned, the
     * other core computes them while the layers are merged and analysed here.
     */
    public static CompletableFuture<DiveFigures> diveAsync(List<LayerIndex> layers) {
        return CompletableFuture.supplyAsync(() -> DiveEfficiency.compute(layers));
    }

    /** As {@link #analyse(FileTree, List)}, with dive's figures from {@link #diveAsync} of the same layers. */
    public static WasteReport analyse(FileTree tree, List<Optional<String>> createdBy,
                                      CompletableFuture<DiveFigures> dive) {
        List<LayerIndex> layers = tree.layers();
        long logical = 0;
        for (LayerIndex l : layers) logical += l.totals().contentBytes();

        Set<Long> liveInodes = new HashSet<>();
        Map<Long, ContentGroup> byContent = new HashMap<>();
        long[] squashed = {0};
        tree.forEachVisible(f -> {
            if (f.kind() == EntryKind.SYMLINK) {
                squashed[0] += layers.get(f.layer()).linkTargetBytes(f.entry());
            } else if (f.isRegularContent() && f.contentEntry() >= 0) {
                if (liveInodes.add(f.inodeKey())) squashed[0] += f.size();
                if (f.size() > 0 && layers.get(f.contentLayer()).hasDigest(f.contentEntry())) {
                    addToGroup(byContent, layers, f);
                }
            }
        });
        long[] heldWaste = new long[layers.size()];
        long[] hidWaste = new long[layers.size()];
        List<WastedPath> wasted = new ArrayList<>();
        long wastedBytes = 0;
        long kept = 0;
        for (HiddenVersion h : tree.hidden()) {
            LayerIndex l = layers.get(h.layer());
            EntryKind kind = l.kind(h.entry());
            long bytes = kind == EntryKind.FILE ? l.size(h.entry())
                    : kind == EntryKind.SYMLINK ? l.linkTargetBytes(h.entry()) : 0;
            if (bytes == 0) continue;
            if (kind == EntryKind.FILE && liveInodes.contains(VisibleFile.inodeKey(h.layer(), h.entry()))) {
                kept += bytes;
                continue;
            }
            wastedBytes += bytes;
            heldWaste[h.layer()] += bytes;
            hidWaste[h.hiddenBy()] += bytes;
            wasted.add(new WastedPath("/" + h.path(), kind, bytes, h.layer(), h.hiddenBy(), h.reason(),
                    step(createdBy, h.layer()), step(createdBy, h.hiddenBy())));
        }
        wasted.sort(Comparator.comparingLong(WastedPath::bytes).reversed().thenComparing(WastedPath::path)
                .thenComparingInt(WastedPath::layer));

        List<DuplicateGroup> duplicates = duplicates(byContent, layers);
        long duplicateBytes = duplicates.stream().mapToLong(DuplicateGroup::wastedBytes).sum();

        List<LayerWaste> perLayer = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            perLayer.add(new LayerWaste(i, layers.get(i).totals().contentBytes(), heldWaste[i], hidWaste[i],
                    step(createdBy, i)));
        }
        return new WasteReport(logical, squashed[0], wastedBytes, kept, duplicateBytes, wasted, duplicates, perLayer,
                dive.join());
    }

    /**
     * Files of one content, kept small because nearly every file of an image is in one: the stored entry that
     * holds the bytes, and for each visible file its inode key and its (layer, entry) key, side by side. Groups are found by a 64-bit prefix of
     * the digest and told apart by the whole digest; {@code next} chains contents whose prefixes collide.
     */
    private static final class ContentGroup {
        final int contentLayer;
        final int contentEntry;
        final long size;
        long[] files = new long[2];
        int count;
        ContentGroup next;

        ContentGroup(VisibleFile f) {
            this.contentLayer = f.contentLayer();
            this.contentEntry = f.contentEntry();
            this.size = f.size();
        }

        void add(long inodeKey, long visibleKey) {
            if (2 * count == files.length) files = Arrays.copyOf(files, files.length * 2);
            files[2 * count] = inodeKey;
            files[2 * count + 1] = visibleKey;
            count++;
        }
    }

    private static void addToGroup(Map<Long, ContentGroup> byContent, List<LayerIndex> layers, VisibleFile f) {
        LayerIndex content = layers.get(f.contentLayer());
        long prefix = content.digestPrefix(f.contentEntry());
        ContentGroup g = byContent.get(prefix);
        ContentGroup last = null;
        while (g != null && !content.sameContent(f.contentEntry(), layers.get(g.contentLayer), g.contentEntry)) {
            last = g;
            g = g.next;
        }
        if (g == null) {
            g = new ContentGroup(f);
            if (last == null) byContent.put(prefix, g);
            else last.next = g;
        }
        g.add(f.inodeKey(), VisibleFile.inodeKey(f.layer(), f.entry()));
    }

    private static List<DuplicateGroup> duplicates(Map<Long, ContentGroup> byContent, List<LayerIndex> layers) {
        List<DuplicateGroup> out = new ArrayList<>();
        for (ContentGroup head : byContent.values()) {
            for (ContentGroup g = head; g != null; g = g.next) {
                if (g.count < 2) continue;
                Set<Long> inodes = new HashSet<>();
                List<String> paths = new ArrayList<>();
                for (int i = 0; i < g.count; i++) {
                    inodes.add(g.files[2 * i]);
                    long visible = g.files[2 * i + 1];
                    paths.add("/" + layers.get((int) (visible >>> 32)).path((int) visible));
                }
                if (inodes.size() < 2) continue;
                paths.sort(null);
                out.add(new DuplicateGroup(layers.get(g.contentLayer).sha256(g.contentEntry).orElseThrow(), g.size,
                        inodes.size(), paths));
            }
        }
        out.sort(Comparator.comparingLong(DuplicateGroup::wastedBytes).reversed()
                .thenComparing(g -> g.paths().get(0)));
        return out;
    }

    private static Optional<String> step(List<Optional<String>> createdBy, int layer) {
        return layer < createdBy.size() ? createdBy.get(layer) : Optional.empty();
    }
}
