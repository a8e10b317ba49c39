package io.strata.advise;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Packages apt installed only because another package recommends them, with what they alone pull in: a package
 * marked auto-installed that a package recommends and none requires, then, repeatedly, auto-installed packages
 * required only by packages of that set. `--no-install-recommends` would have left them all out; the bytes are
 * their visible files. Only apt records why a package came (Recommends and the auto mark).
 */
final class RecommendsRule implements Rule {
    @Override
    public RuleId id() {
        return RuleId.RECOMMENDED;
    }

    @Override
    public List<Advice> apply(ImageFacts facts, Claims claims) {
        Map<String, AdvisedPackage> debs = new HashMap<>();
        for (AdvisedPackage p : facts.inventory()) if (p.ecosystem().equals("deb")) debs.putIfAbsent(p.name(), p);
        Set<String> closure = closure(debs);
        if (closure.isEmpty()) return List.of();
        List<PackageClaims.Claimed> claimed = new ArrayList<>();
        closure.stream().map(debs::get).sorted(Comparator.comparingLong(AdvisedPackage::bytes).reversed()
                .thenComparing(AdvisedPackage::name)).forEach(p -> claimed.add(PackageClaims.claim(p, facts, claims)));
        long bytes = claimed.stream().mapToLong(PackageClaims.Claimed::bytes).sum();
        List<Advice.Step> steps = claimed.stream().map(c -> c.pkg().layer()).distinct().sorted().map(facts::step).toList();
        String names = PackageClaims.names(claimed);
        return List.of(new Advice(RuleId.RECOMMENDED, claimed.size() + " package" + (claimed.size() == 1 ? "" : "s")
                + " installed only as recommendations: " + names, bytes, Advice.Saving.IMAGE, 0, false,
                PackageClaims.evidence(claimed, p -> p.recommendedBy().isEmpty()
                        ? "required only by " + String.join(", ", p.requiredBy())
                        : "recommended by " + String.join(", ", p.recommendedBy())),
                steps, "Install with `apt-get install --no-install-recommends` and name the recommended packages the "
                + "image really needs; without them apt leaves out " + names + "."));
    }

    /** Names of the recommended-only packages and of the auto-installed packages only they require. */
    static Set<String> closure(Map<String, AdvisedPackage> debs) {
        Set<String> out = new LinkedHashSet<>();
        for (AdvisedPackage p : debs.values()) {
            boolean recommended = p.auto().orElse(false) && !p.recommendedBy().isEmpty()
                    && p.requiredBy().stream().noneMatch(debs::containsKey);
            if (recommended) out.add(p.name());
        }
        boolean grew = !out.isEmpty();
        while (grew) {
            grew = false;
            for (AdvisedPackage p : debs.values()) {
                if (out.contains(p.name()) || !p.auto().orElse(false) || p.requiredBy().isEmpty()) continue;
                List<String> installedBy = p.requiredBy().stream().filter(debs::containsKey).toList();
                if (!installedBy.isEmpty() && out.containsAll(installedBy)) {
                    out.add(p.name());
                    grew = true;
                }
            }
        }
        return out;
    }
}
