package io.strata.advise;

import io.strata.model.FindingCode;
import io.strata.model.Finding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Runs every rule over one image and returns the advice sorted by bytes saved, biggest first. */
public final class Advisor {
    private static final List<Rule> RULES = List.of(new ShippedRule(), new ContextFilesRule(), new CopyUpRule(),
            new RecommendsRule(), new DevDependenciesRule(), new PackageManagersRule(), new UpdateStepRule(), new PackageCacheRule(), new DeletedLaterRule(), new BuildToolsRule(), new DuplicatesRule(),
            new CacheOrderRule(), new TinyLayersRule());

    private Advisor() {
    }

    /** The advice for one image; rules claim stored bytes in {@link RuleId} order, so no byte counts twice. */
    public static AdviceReport advise(ImageFacts facts) {
        Claims claims = new Claims();
        List<Advice> all = new ArrayList<>();
        for (Rule rule : RULES) {
            claims.claimingFor(rule.id());
            all.addAll(rule.apply(facts, claims));
        }
        ShippedRule.packageFiles(facts).ifPresent(all::add);
        all.sort(Comparator.comparingLong(Advice::bytesSaved).reversed()
                .thenComparing(Advice::security, Comparator.reverseOrder())
                .thenComparing(Advice::layersSaved, Comparator.reverseOrder())
                .thenComparing(Advice::rule)
                .thenComparing(Advice::title));
        return new AdviceReport(all, facts.logicalBytes(), securityFindings(all));
    }

    /** Each secret named by security advice, as a finding that verify-style output can list. */
    static List<Finding> securityFindings(List<Advice> advice) {
        List<Finding> out = new ArrayList<>();
        for (Advice a : advice) {
            if (!a.security()) continue;
            for (Advice.Evidence e : a.evidence()) {
                if (e.path().isEmpty()) continue;
                Finding f = Finding.warning(FindingCode.SECRET_FILE, "looks like a secret: " + e.note()).atPath(e.path());
                out.add(e.layer() >= 0 ? f.atLayer(e.layer()) : f);
            }
        }
        return out;
    }
}
