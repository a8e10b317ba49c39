package io.strata.analysis.files;

import io.strata.tree.LayerStack;
import io.strata.tree.VisibleFile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What layer N added, modified or deleted: the merged view of layers 0..N-1 against that of 0..N. A path is
 * modified when layer N wrote it and it was there before (a directory whose attributes the layer rewrote
 * counts); deleted paths include every path of a subtree that a whiteout, an opaque directory or a
 * replacement removed.
 */
public final class LayerChanges {
    private LayerChanges() {
    }

    public static List<LayerChange> of(LayerStack layers, int n) {
        if (n < 0 || n >= layers.size()) {
            throw new IllegalArgumentException("layer " + n + " does not exist (0.." + (layers.size() - 1) + ")");
        }
        List<VisibleFile> below = layers.firstLayers(n).visible();
        List<VisibleFile> with = layers.firstLayers(n + 1).visible();
        Map<String, VisibleFile> before = new HashMap<>();
        for (VisibleFile f : below) before.put(f.path().relative(), f);
        List<LayerChange> out = new ArrayList<>();
        for (VisibleFile f : with) {
            VisibleFile old = before.remove(f.path().relative());
            if (f.layer() != n) continue;
            out.add(new LayerChange(f.path(), old == null ? LayerChange.Change.ADDED : LayerChange.Change.MODIFIED,
                    Optional.ofNullable(old), Optional.of(f)));
        }
        for (VisibleFile gone : before.values()) {
            out.add(new LayerChange(gone.path(), LayerChange.Change.DELETED, Optional.of(gone), Optional.empty()));
        }
        out.sort(java.util.Comparator.comparing(LayerChange::path));
        return out;
    }
}
