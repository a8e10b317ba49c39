package io.strata.advise;

import io.strata.advise.CopyUps.Change;
import io.strata.advise.CopyUps.CopyUp;
import io.strata.layer.EntryKind;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Metadata-only copy-ups: chmod/chown in a later RUN stores every file it touches again, whole. One piece of
 * advice per layer that made copies, titled with everything that layer re-stores; it counts the copies no
 * earlier rule claimed (a .git folder re-stored by `chown -R` stays with the context-files advice, whose fix
 * removes both copies) and says in its evidence which rule counts the rest, so each re-stored byte is counted
 * once and none is left out.
 */
final class CopyUpRule implements Rule {
    private static final int MAX_EVIDENCE = 8;

    @Override
    public RuleId id() {
        return RuleId.COPY_UP;
    }

    @Override
    public List<Advice> apply(ImageFacts facts, Claims claims) {
        List<Advice> out = new ArrayList<>();
        facts.copyUps().byUpperLayer().forEach((upper, copies) -> {
            List<CopyUp> ours = new ArrayList<>();
            Map<RuleId, List<CopyUp>> others = new EnumMap<>(RuleId.class);
            for (CopyUp c : copies) {
                Optional<RuleId> owner = claims.owner(c.lower().key());
                if (owner.isEmpty() && claims.claim(c.lower())) {
                    ours.add(c);
                } else {
                    others.computeIfAbsent(owner.orElse(RuleId.COPY_UP), k -> new ArrayList<>()).add(c);
                }
            }
            // a layer whose copies are all a package manager's own rewrites is no build mistake
            if (!ours.isEmpty() || others.keySet().stream().anyMatch(r -> r != RuleId.SHIPPED)) {
                out.add(advice(upper, copies, ours, others, facts));
            }
        });
        return out;
    }

    private static Advice advice(int upperLayer, List<CopyUp> all, List<CopyUp> ours, Map<RuleId, List<CopyUp>> others,
                                 ImageFacts facts) {
        long restored = bytes(all);
        long bytes = bytes(ours);
        Set<Change> changes = EnumSet.noneOf(Change.class);
        all.forEach(c -> changes.addAll(c.changes()));
        String purpose = changes.containsAll(EnumSet.allOf(Change.class)) ? "only to change mode and owner"
                : changes.contains(Change.MODE) ? "only to change the mode"
                : changes.contains(Change.OWNER) ? "only to change the owner" : "with unchanged content";
        int n = all.size();
        String title = "Layer " + upperLayer + " stores " + (n == 1 ? all.get(0).lower().absolute()
                : String.format(java.util.Locale.ROOT, "%,d files", n)) + " again " + purpose;
        Map<String, String> notes = new HashMap<>();
        all.forEach(c -> notes.put(c.lower().path(), c.note()));
        // evidence shows the copies in the upper layer, where the bytes were stored again
        List<Advice.Evidence> evidence = new ArrayList<>();
        if (n > 1) {
            evidence.add(new Advice.Evidence("", upperLayer, n, restored, "every file this layer stores again"
                    + (others.isEmpty() ? "" : "; the copies below are counted here, the rest under other advice")));
        }
        evidence.addAll(EvidenceSummary.of(uppers(ours), MAX_EVIDENCE, v -> notes.get(v.path())));
        others.forEach((rule, copies) -> evidence.add(new Advice.Evidence("", upperLayer, copies.size(), bytes(copies),
                "also stored again here, counted under " + rule.id() + (rule == RuleId.SHIPPED
                        ? " (written by a package manager, not a build mistake)" : "") + ": " + where(copies))));
        TreeSet<Integer> lowerLayers = new TreeSet<>();
        all.forEach(c -> lowerLayers.add(c.lower().layer()));
        List<Advice.Step> steps = new ArrayList<>();
        lowerLayers.forEach(l -> steps.add(facts.step(l)));
        steps.add(facts.step(upperLayer));
        String fix = changes.isEmpty()
                ? "The step writes files that are already there, byte for byte: skip them (copy or install them once)."
                : "Set mode and owner where the files are created: `COPY --chown=USER:GROUP --chmod=MODE`, or run "
                + "chmod/chown in the same RUN that writes them. A chmod or chown in a later step stores every file it "
                + "touches again, whole.";
        return new Advice(RuleId.COPY_UP, title, bytes, Advice.Saving.IMAGE, 0, false, evidence, steps, fix);
    }

    private static List<StoredVersion> uppers(List<CopyUp> copies) {
        return copies.stream().map(c -> new StoredVersion(c.lower().path(), c.upperLayer(), c.upperEntry(),
                EntryKind.FILE, c.lower().bytes(), -1, Optional.empty())).toList();
    }

    private static long bytes(List<CopyUp> copies) {
        return copies.stream().mapToLong(c -> c.lower().bytes()).sum();
    }

    /** The biggest folder or file of a group, for a one-line summary. */
    private static String where(List<CopyUp> copies) {
        List<Advice.Evidence> top = EvidenceSummary.of(uppers(copies), 2, v -> "");
        return String.join(", ", top.stream().map(Advice.Evidence::path).toList());
    }
}
