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
 * Metadata-only copy-ups: a later layer holds a file with the same bytes (size and SHA-256) as the version it
 * overwrites, so only mode, owner or nothing at all changed. chmod/chown in a later RUN does this to every file
 * it touches: the whole file is stored again. Grouped by the layer that made the copies.
 */
final class CopyUpRule implements AdviceRule {
    private static final int MAX_EVIDENCE = 8;

    private enum Change { MODE, OWNER }

    private record CopyUp(StoredVersion lower, int upperEntry, Set<Change> changes, String note) {
    }

    @Override
    public List<Advice> apply(ImageFacts facts, Claims claims) {
        Map<Integer, Map<String, StoredVersion>> candidates = new TreeMap<>();
        for (StoredVersion v : facts.versions()) {
            if (v.visible() || v.kind() != EntryKind.FILE || v.bytes() == 0 || claims.isClaimed(v)) continue;
            if (v.reason().orElseThrow() != HiddenVersion.Reason.OVERWRITTEN) continue;
            candidates.computeIfAbsent(v.hiddenBy(), k -> new HashMap<>()).put(v.path(), v);
        }
        List<Advice> out = new ArrayList<>();
        for (var e : candidates.entrySet()) {
            List<CopyUp> copies = copyUps(facts.layers(), e.getKey(), e.getValue());
            copies.forEach(c -> claims.claim(c.lower()));
            if (!copies.isEmpty()) out.add(advice(e.getKey(), copies, facts));
        }
        return out;
    }

    private static List<CopyUp> copyUps(List<LayerIndex> layers, int upperLayer, Map<String, StoredVersion> lower) {
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
            out.add(new CopyUp(v, i, changes, String.join(", ", notes) + " (first stored in layer " + v.layer() + ")"));
        }
        return out;
    }

    private static Advice advice(int upperLayer, List<CopyUp> copies, ImageFacts facts) {
        long bytes = copies.stream().mapToLong(c -> c.lower().bytes()).sum();
        Set<Change> all = EnumSet.noneOf(Change.class);
        copies.forEach(c -> all.addAll(c.changes()));
        String purpose = all.containsAll(EnumSet.allOf(Change.class)) ? "only to change mode and owner"
                : all.contains(Change.MODE) ? "only to change the mode"
                : all.contains(Change.OWNER) ? "only to change the owner" : "with unchanged content";
        int n = copies.size();
        String title = "Layer " + upperLayer + " stores " + (n == 1 ? copies.get(0).lower().absolute() : n + " files")
                + " again " + purpose;
        Map<String, String> notes = new HashMap<>();
        copies.forEach(c -> notes.put(c.lower().path(), c.note()));
        // evidence shows the copies in the upper layer, where the bytes were stored again
        List<StoredVersion> upper = copies.stream().map(c -> new StoredVersion(c.lower().path(), upperLayer,
                c.upperEntry(), EntryKind.FILE, c.lower().bytes(), -1, java.util.Optional.empty())).toList();
        Set<Integer> lowerLayers = new HashSet<>();
        copies.forEach(c -> lowerLayers.add(c.lower().layer()));
        List<Advice.Step> steps = new ArrayList<>();
        lowerLayers.stream().sorted().forEach(l -> steps.add(facts.step(l)));
        steps.add(facts.step(upperLayer));
        String fix = all.isEmpty()
                ? "The step writes files that are already there, byte for byte: skip them (copy or install them once)."
                : "Set mode and owner where the files are created: `COPY --chown=USER:GROUP --chmod=MODE`, or run "
                + "chmod/chown in the same RUN that writes them. A chmod or chown in a later step stores every file it "
                + "touches again, whole.";
        return new Advice(Rule.COPY_UP, title, bytes, Advice.Saving.IMAGE, 0, false,
                EvidenceSummary.of(upper, MAX_EVIDENCE, v -> notes.get(v.path())), steps, fix);
    }
}
