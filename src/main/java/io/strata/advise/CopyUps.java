package io.strata.advise;

import io.strata.layer.EntryKind;
import io.strata.layer.LayerIndex;
import io.strata.tree.HiddenVersion;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every metadata-only copy-up of an image: a later layer stores a file with the same bytes (size and SHA-256) as
 * the version it overwrites, so only mode, owner or nothing changed. Found once per image, whatever rule claims
 * the bytes, because several rules need to know: the copy-up rule reports all of a layer's re-stored bytes, and
 * the context-files rule leaves a copied-up file's lower version to it.
 */
final class CopyUps {
    enum Change { MODE, OWNER }

    /** One file stored again: its lower version (hidden) and the entry of the copy in the upper layer. */
    record CopyUp(StoredVersion lower, int upperLayer, int upperEntry, Set<Change> changes, String note) {
    }

    private final Map<Integer, List<CopyUp>> byUpperLayer;
    private final Set<Long> lowerKeys = new HashSet<>();

    private CopyUps(Map<Integer, List<CopyUp>> byUpperLayer) {
        this.byUpperLayer = byUpperLayer;
        byUpperLayer.values().forEach(l -> l.forEach(c -> lowerKeys.add(c.lower().key())));
    }

    static CopyUps of(List<StoredVersion> versions, List<LayerIndex> layers) {
        Map<Integer, Map<String, StoredVersion>> candidates = new TreeMap<>();
        for (StoredVersion v : versions) {
            if (v.visible() || v.kind() != EntryKind.FILE || v.bytes() == 0) continue;
            if (v.reason().orElseThrow() != HiddenVersion.Reason.OVERWRITTEN) continue;
            candidates.computeIfAbsent(v.hiddenBy(), k -> new HashMap<>()).put(v.path(), v);
        }
        Map<Integer, List<CopyUp>> out = new TreeMap<>();
        candidates.forEach((upper, lower) -> {
            List<CopyUp> copies = find(layers, upper, lower);
            if (!copies.isEmpty()) out.put(upper, copies);
        });
        return new CopyUps(out);
    }

    /** The copy-ups grouped by the layer that made the copies, in layer order. */
    Map<Integer, List<CopyUp>> byUpperLayer() {
        return byUpperLayer;
    }

    /** True when v is the lower version of a copy-up (a later layer stores it again, byte for byte). */
    boolean isCopiedUp(StoredVersion v) {
        return lowerKeys.contains(v.key());
    }

    private static List<CopyUp> find(List<LayerIndex> layers, int upperLayer, Map<String, StoredVersion> lower) {
        LayerIndex upper = layers.get(upperLayer);
        List<CopyUp> out = new ArrayList<>();
        for (int i = 0; i < upper.size(); i++) {
            if (upper.kind(i) != EntryKind.FILE) continue;
            StoredVersion v = lower.get(upper.path(i));
            if (v == null) continue;
            LayerIndex low = layers.get(v.layer());
            int j = v.entry();
            if (low.size(j) != upper.size(i) || !low.sameContent(j, upper, i)) continue;
            lower.remove(v.path());
            Set<Change> changes = EnumSet.noneOf(Change.class);
            List<String> notes = new ArrayList<>();
            if ((low.mode(j) & 07777) != (upper.mode(i) & 07777)) {
                changes.add(Change.MODE);
                notes.add(String.format("mode %04o -> %04o", low.mode(j) & 07777, upper.mode(i) & 07777));
            }
            if (low.uid(j) != upper.uid(i) || low.gid(j) != upper.gid(i)) {
                changes.add(Change.OWNER);
                notes.add("owner " + low.uid(j) + ":" + low.gid(j) + " -> " + upper.uid(i) + ":" + upper.gid(i));
            }
            if (notes.isEmpty()) notes.add("same bytes, mode and owner: rewritten unchanged");
            out.add(new CopyUp(v, upperLayer, i, changes,
                    String.join(", ", notes) + " (first stored in layer " + v.layer() + ")"));
        }
        return out;
    }
}
