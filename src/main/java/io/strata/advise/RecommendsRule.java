package io.strata.advise;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Packages installed only because another package recommends them, with what they alone pull in. apt: a package
 * marked auto-installed that a package recommends and none requires, then, repeatedly, auto-installed packages
 * required only by packages of that set; `--no-install-recommends` would have left them all out. dnf (rpm weak
 * dependencies: Recommends, and Supplements read backwards): the rpm database keeps no auto mark, so a package no
 * history step names stands for one dnf chose; `--setopt=install_weak_deps=False` would have left them out. The
 * bytes are their visible files.
 */
final class RecommendsRule implements Rule {
    @Override
    public RuleId id() {
        return RuleId.RECOMMENDED;
    }

    @Override
    public List<Advice> apply(ImageFacts facts, Claims claims) {
        List<Advice> out = new ArrayList<>();
        Map<String, AdvisedPackage> debs = PackageSets.of(facts, "deb");
        advice(closure(debs, p -> p.auto().orElse(false)), debs, facts, claims, "installed only as recommendations",
                "Install with `apt-get install --no-install-recommends` and name the recommended packages the image "
                        + "really needs; without them apt leaves out ").ifPresent(out::add);
        Map<String, AdvisedPackage> rpms = PackageSets.of(facts, "rpm");
        advice(closure(rpms, p -> !PackageSets.askedFor(p, facts)), rpms, facts, claims,
                "installed only as weak dependencies", "Install with `dnf install --setopt=install_weak_deps=False` "
                        + "(microdnf too) and name the weak dependencies the image really needs; without them dnf "
                        + "leaves out ").ifPresent(out::add);
        return out;
    }

    private static Optional<Advice> advice(Set<String> closure, Map<String, AdvisedPackage> installed, ImageFacts facts,
                                           Claims claims, String why, String fix) {
        if (closure.isEmpty()) return Optional.empty();
        List<PackageClaims.Claimed> claimed = PackageSets.claimAll(closure, installed, facts, claims);
        String names = PackageClaims.names(claimed);
        return Optional.of(new Advice(RuleId.RECOMMENDED, claimed.size() + " package" + (claimed.size() == 1 ? "" : "s")
                + " " + why + ": " + names, PackageSets.bytes(claimed), Advice.Saving.IMAGE, 0, false,
                PackageClaims.evidence(claimed, p -> p.recommendedBy().isEmpty()
                        ? "required only by " + String.join(", ", p.requiredBy())
                        : (p.ecosystem().equals("rpm") ? "a weak dependency of " : "recommended by ")
                        + String.join(", ", p.recommendedBy())),
                PackageSets.steps(claimed, facts), fix + names + "."));
    }

    /**
     * Names of the recommended-only packages (pulled in, recommended by an installed package, required by none)
     * and of the pulled-in packages only they require.
     */
    static Set<String> closure(Map<String, AdvisedPackage> installed, Predicate<AdvisedPackage> pulledIn) {
        Set<String> seeds = new LinkedHashSet<>();
        for (AdvisedPackage p : installed.values()) {
            boolean recommended = p.recommendedBy().stream().anyMatch(installed::containsKey)
                    && p.requiredBy().stream().noneMatch(installed::containsKey) && pulledIn.test(p);
            if (recommended) seeds.add(p.name());
        }
        return PackageSets.closure(seeds, installed, pulledIn);
    }
}
