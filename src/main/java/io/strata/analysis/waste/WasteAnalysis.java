package io.strata.analysis.waste;

import io.strata.layer.EntryKind;
import io.strata.layer.LayerIndex;
import io.strata.tree.FileTree;
import io.strata.tree.HiddenVersion;
import io.strata.tree.VisibleFile;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Computes a {@link WasteReport} from a merged tree: a pure function, no I/O. */
public final class WasteAnalysis {
    private WasteAnalysis() {
    }

    /** {@code createdBy} holds the history step of each layer (see LayerAttribution). */
    public static WasteReport analyse(FileTree tree, List<Optional<String>> createdBy) {
        // dive's figures need the layers and their interned paths, not the merged tree: the other core
        // computes them while the tree is analysed here
        CompletableFuture<DiveFigures> dive = CompletableFuture.supplyAsync(() -> DiveEfficiency.compute(tree.paths()));
        List<LayerIndex> layers = tree.layers();
        long logical = 0;
        for (LayerIndex l : layers) logical += l.totals().contentBytes();

        // the stored files whose bytes are visible (directly or through a hardlink), counted once each
        BitSet[] live = new BitSet[layers.size()];
        for (int i = 0; i < live.length; i++) live[i] = new BitSet(layers.get(i).size());
        ContentGroups byContent = new ContentGroups(layers);
        long[] squashed = {0};
        tree.forEachVisibleEntry((layer, entry, contentLayer, contentEntry) -> {
            if (entry == FileTree.IMPLICIT) return; // a folder only implied by deeper paths
            EntryKind kind = layers.get(layer).kind(entry);
            if (kind == EntryKind.SYMLINK) {
                squashed[0] += layers.get(layer).linkTargetBytes(entry);
            } else if ((kind == EntryKind.FILE || kind == EntryKind.HARDLINK) && contentEntry >= 0) {
                LayerIndex content = layers.get(contentLayer);
                long size = content.size(contentEntry);
                if (!live[contentLayer].get(contentEntry)) {
                    live[contentLayer].set(contentEntry);
                    squashed[0] += size;
                }
                if (size > 0 && content.hasDigest(contentEntry)) {
                    byContent.add(contentLayer, contentEntry, VisibleFile.inodeKey(contentLayer, contentEntry),
                            VisibleFile.inodeKey(layer, entry));
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
            if (kind == EntryKind.FILE && live[h.layer()].get(h.entry())) {
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

        List<DuplicateGroup> duplicates = byContent.duplicates();
        duplicates.sort(Comparator.comparingLong(DuplicateGroup::wastedBytes).reversed()
                .thenComparing(g -> g.paths().get(0)));
        long duplicateBytes = duplicates.stream().mapToLong(DuplicateGroup::wastedBytes).sum();

        List<LayerWaste> perLayer = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            perLayer.add(new LayerWaste(i, layers.get(i).totals().contentBytes(), heldWaste[i], hidWaste[i],
                    step(createdBy, i)));
        }
        return new WasteReport(logical, squashed[0], wastedBytes, kept, duplicateBytes, wasted, duplicates, perLayer,
                dive.join());
    }

    private static Optional<String> step(List<Optional<String>> createdBy, int layer) {
        return layer < createdBy.size() ? createdBy.get(layer) : Optional.empty();
    }
}
