package io.strata.advise;

import io.strata.model.HistoryEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A package index update in a RUN step of its own (`RUN apt-get update`, `RUN apk update`, `RUN dnf makecache`),
 * named from the history. The step's layer is cached on its own, so a later build reuses old lists while the
 * install step below it changes and installs outdated versions (or fails on a vanished one), and the lists it
 * stores stay in the image whatever a later step deletes. Its bytes are the index files that layer stores.
 */
final class UpdateStepRule implements Rule {
    private static final int MAX_EVIDENCE = 4;
    private static final Pattern SPLIT = Pattern.compile("\\s*(?:&&|\\|\\||;)\\s*");
    private static final Pattern HARMLESS = Pattern.compile("set\\s+-[a-z]+|true|:|export\\s+\\S+|[A-Z_]+=\\S*");
    private static final Pattern APT = Pattern.compile("(?:[A-Z_]+=\\S+\\s+)*apt(?:-get)?\\s+(?:-\\S+\\s+)*update(?:\\s+-\\S+)*");
    private static final Pattern APK = Pattern.compile("apk\\s+(?:-\\S+\\s+)*update(?:\\s+-\\S+)*");
    private static final Pattern RPM = Pattern.compile("(?:dnf|yum|microdnf)\\s+(?:-\\S+\\s+)*(?:makecache|check-update)(?:\\s+-\\S+)*");

    enum Manager { APT, APK, RPM }

    @Override
    public RuleId id() {
        return RuleId.UPDATE_STEP;
    }

    @Override
    public List<Advice> apply(ImageFacts facts, Claims claims) {
        List<Advice> out = new ArrayList<>();
        int layer = -1;
        for (HistoryEntry h : facts.history()) {
            if (!h.emptyLayer()) layer++;
            BuildStep step = BuildStep.parse(h.createdBy().orElse(""));
            if (step.kind() != BuildStep.Kind.RUN) continue;
            Manager m = loneUpdate(step.command());
            if (m == null) continue;
            int l = h.emptyLayer() || layer >= facts.layers().size() ? -1 : layer;
            out.add(advice(m, h.createdBy().orElse(""), l, facts, claims));
        }
        return out;
    }

    /** The manager whose index update is all the command does (besides `set -e` and the like), or null. */
    static Manager loneUpdate(String command) {
        Manager found = null;
        for (String part : SPLIT.split(command.strip())) {
            if (part.isEmpty() || HARMLESS.matcher(part).matches()) continue;
            Manager m = APT.matcher(part).matches() ? Manager.APT : APK.matcher(part).matches() ? Manager.APK
                    : RPM.matcher(part).matches() ? Manager.RPM : null;
            if (m == null) return null;
            found = m;
        }
        return found;
    }

    private static Advice advice(Manager m, String createdBy, int layer, ImageFacts facts, Claims claims) {
        List<StoredVersion> lists = new ArrayList<>();
        if (layer >= 0) {
            for (StoredVersion v : facts.versions()) {
                if (v.layer() != layer || v.bytes() == 0 || !isIndex(m, v.path()) || claims.isClaimed(v)) continue;
                claims.claim(v);
                lists.add(v);
            }
        }
        long bytes = lists.stream().mapToLong(StoredVersion::bytes).sum();
        String command = switch (m) {
            case APT -> "apt-get update";
            case APK -> "apk update";
            case RPM -> "dnf makecache";
        };
        String fix = switch (m) {
            case APT -> "Run `apt-get update` in the same RUN as `apt-get install` and end that RUN with "
                    + "`rm -rf /var/lib/apt/lists/*`: an update step of its own is cached apart from the install, so a "
                    + "later build installs from outdated lists, and the lists it stores stay in the image.";
            case APK -> "Drop the `apk update` step and install with `apk add --no-cache`, which reads a fresh index "
                    + "without storing it: an update step of its own is cached apart from the install and its index "
                    + "stays in the image.";
            case RPM -> "Drop the separate `makecache` step: `dnf install` refreshes the metadata itself; end the "
                    + "install RUN with `dnf clean all` so no cache stays in the image.";
        };
        List<Advice.Evidence> evidence = new ArrayList<>(EvidenceSummary.of(lists, MAX_EVIDENCE,
                v -> v.visible() ? "in the final image" : "deleted by layer " + v.hiddenBy() + ", still stored here"));
        if (lists.isEmpty()) {
            evidence.add(new Advice.Evidence("", layer, 0, 0, "the step is cached apart from the install that needs it"));
        }
        String where = layer >= 0 ? "layer " + layer : "a step without a layer";
        return new Advice(RuleId.UPDATE_STEP, "`" + command + "` runs in a RUN step of its own (" + where + ")", bytes,
                Advice.Saving.IMAGE, 0, false, evidence, List.of(new Advice.Step(layer, createdBy)), fix);
    }

    private static boolean isIndex(Manager m, String p) {
        return switch (m) {
            case APT -> PathMatch.under(p, "var/lib/apt/lists") || PathMatch.under(p, "var/cache/apt");
            case APK -> PathMatch.under(p, "var/cache/apk") || PathMatch.under(p, "etc/apk/cache");
            case RPM -> PathMatch.under(p, "var/cache/dnf") || PathMatch.under(p, "var/cache/yum");
        };
    }
}
