package io.strata.advise;

import io.strata.tree.HiddenVersion.Reason;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Files created in one layer and deleted, overwritten or hidden by a replaced directory in a later one (or
 * written twice in one layer): the lower layer still ships their bytes. One piece of advice per pair of layers
 * (the one holding the bytes, the one hiding them), since that pair of steps is what to merge.
 */
final class DeletedLaterRule implements Rule {
    private static final int MAX_EVIDENCE = 8;
    private static final String BASE_NOTE = " If the lower layer comes from the base image, choose or build a base "
            + "without these files instead.";

    @Override
    public RuleId id() {
        return RuleId.DELETED_LATER;
    }

    @Override
    public List<Advice> apply(ImageFacts facts, Claims claims) {
        Map<Long, List<StoredVersion>> groups = new TreeMap<>();
        for (StoredVersion v : facts.versions()) {
            if (v.visible() || claims.isClaimed(v)) continue;
            groups.computeIfAbsent(((long) v.layer() << 32) | v.hiddenBy(), k -> new ArrayList<>()).add(v);
        }
        List<Advice> out = new ArrayList<>();
        for (List<StoredVersion> g : groups.values()) {
            long bytes = g.stream().mapToLong(StoredVersion::bytes).sum();
            if (bytes == 0) continue;
            g.forEach(claims::claim);
            out.add(advice(g, bytes, facts));
        }
        return out;
    }

    private static Advice advice(List<StoredVersion> g, long bytes, ImageFacts facts) {
        int from = g.get(0).layer();
        int by = g.get(0).hiddenBy();
        Reason reason = dominant(g);
        String what = g.size() == 1 ? g.get(0).absolute() : g.size() + " files " + where(g);
        String title;
        String fix;
        switch (reason) {
            case SAME_LAYER -> {
                title = what + " written twice in layer " + from;
                fix = "Layer " + from + "'s tar holds these paths twice and only the last copy counts. Rebuild the layer "
                        + "so each path is written once.";
            }
            case OVERWRITTEN -> {
                title = what + " created in layer " + from + ", overwritten in layer " + by;
                fix = "Write the final version once: do both in the same RUN, or produce the file in a build stage "
                        + "(multi-stage build) and COPY only the result. Layer " + from
                        + " still ships the overwritten bytes." + BASE_NOTE;
            }
            case OPAQUE, PARENT_REPLACED -> {
                title = "Directory " + commonDir(g) + " replaced in layer " + by + "; " + g.size() + " file"
                        + (g.size() == 1 ? "" : "s") + " from layer " + from + " still stored";
                fix = "Fill the directory only with what the image needs, in one step: clean it in the same RUN that "
                        + "fills it, or build it in a build stage. Replacing it in a later layer leaves the old "
                        + "contents in layer " + from + ".";
            }
            default -> {
                title = what + " created in layer " + from + ", deleted in layer " + by;
                fix = "Create and delete these files in the same RUN (`... && rm ...`), or make them in a build stage "
                        + "(multi-stage build) and COPY only what the final image needs. Deleting them in a later layer "
                        + "hides them, but layer " + from + " still ships their bytes." + BASE_NOTE;
            }
        }
        List<Advice.Step> steps = from == by ? List.of(facts.step(from)) : List.of(facts.step(from), facts.step(by));
        return new Advice(RuleId.DELETED_LATER, title, bytes, Advice.Saving.IMAGE, 0, false,
                EvidenceSummary.of(g, MAX_EVIDENCE, DeletedLaterRule::note), steps, fix);
    }

    private static Reason dominant(List<StoredVersion> g) {
        Map<Reason, Long> bytes = new EnumMap<>(Reason.class);
        for (StoredVersion v : g) bytes.merge(v.reason().orElseThrow(), v.bytes() + 1, Long::sum);
        return bytes.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    /** "under /a/b/" for a deep common directory, else "in /usr/share/doc/, /var/log/ and more" by bytes. */
    private static String where(List<StoredVersion> g) {
        String common = commonDir(g);
        if (common.chars().filter(c -> c == '/').count() > 2) return "under " + common;
        List<String> dirs = EvidenceSummary.of(g, 3, v -> "").stream()
                .map(e -> e.path().isEmpty() ? "" : e.path()).filter(p -> !p.isEmpty()).toList();
        return "in " + String.join(", ", dirs.subList(0, Math.min(2, dirs.size()))) + (dirs.size() > 2 ? " and more" : "");
    }

    static String commonDir(List<StoredVersion> g) {
        String common = PathMatch.parent(g.get(0).path());
        for (StoredVersion v : g) {
            while (!common.isEmpty() && !v.path().startsWith(common + "/")) common = PathMatch.parent(common);
        }
        return "/" + common + (common.isEmpty() ? "" : "/");
    }

    private static String note(StoredVersion v) {
        String how = switch (v.reason().orElseThrow()) {
            case WHITEOUT -> "deleted";
            case OPAQUE -> "hidden by an opaque directory";
            case OVERWRITTEN -> "overwritten";
            case SAME_LAYER -> "written again";
            case PARENT_REPLACED -> "parent directory replaced";
        };
        return how + " in layer " + v.hiddenBy();
    }
}
