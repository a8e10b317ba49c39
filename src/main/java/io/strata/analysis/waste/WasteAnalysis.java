package io.strata.analysis.waste;

import io.strata.layer.EntryKind;
import io.strata.layer.LayerIndex;
import io.strata.model.Digest;
import io.strata.tree.FileTree;
import io.strata.tree.HiddenVersion;
import io.strata.tree.VisibleFile;

import java.util.ArrayList;
import java.util.Comparator;
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
        List<LayerIndex> layers = tree.layers();
        // dive's figures need only the layers: the other core computes them meanwhile
        CompletableFuture<DiveFigures> dive = CompletableFuture.supplyAsync(() -> DiveEfficiency.compute(layers));
        List<VisibleFile> visible = tree.visible();
        long logical = 0;
        for (LayerIndex l : layers) logical += l.totals().contentBytes();

        Set<Long> liveInodes = new HashSet<>();
        Map<Digest, List<VisibleFile>> byContent = new LinkedHashMap<>();
        long squashed = 0;
        for (VisibleFile f : visible) {
            if (f.kind() == EntryKind.SYMLINK) {
                squashed += layers.get(f.layer()).linkTargetBytes(f.entry());
            } else if (f.isRegularContent() && f.contentEntry() >= 0) {
                if (liveInodes.add(f.inodeKey())) squashed += f.size();
                if (f.size() > 0 && f.sha256().isPresent()) {
                    byContent.computeIfAbsent(f.sha256().get(), k -> new ArrayList<>()).add(f);
                }
            }
        }

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

        List<DuplicateGroup> duplicates = duplicates(byContent);
        long duplicateBytes = duplicates.stream().mapToLong(DuplicateGroup::wastedBytes).sum();

        List<LayerWaste> perLayer = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            perLayer.add(new LayerWaste(i, layers.get(i).totals().contentBytes(), heldWaste[i], hidWaste[i],
                    step(createdBy, i)));
        }
        return new WasteReport(logical, squashed, wastedBytes, kept, duplicateBytes, wasted, duplicates, perLayer,
                dive.join());
    }

    private static List<DuplicateGroup> duplicates(Map<Digest, List<VisibleFile>> byContent) {
        List<DuplicateGroup> out = new ArrayList<>();
        for (Map.Entry<Digest, List<VisibleFile>> e : byContent.entrySet()) {
            List<VisibleFile> files = e.getValue();
            Set<Long> inodes = new HashSet<>();
            for (VisibleFile f : files) inodes.add(f.inodeKey());
            if (inodes.size() < 2) continue;
            List<String> paths = files.stream().map(f -> f.path().absolute()).sorted().toList();
            out.add(new DuplicateGroup(e.getKey(), files.get(0).size(), inodes.size(), paths));
        }
        out.sort(Comparator.comparingLong(DuplicateGroup::wastedBytes).reversed()
                .thenComparing(g -> g.paths().get(0)));
        return out;
    }

    private static Optional<String> step(List<Optional<String>> createdBy, int layer) {
        return layer < createdBy.size() ? createdBy.get(layer) : Optional.empty();
    }
}
