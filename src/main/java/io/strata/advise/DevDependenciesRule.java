package io.strata.advise;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Development dependencies shipped in the final image: npm packages the application's lockfile marks dev (and
 * Python dev extras where the metadata says). The bytes are their visible files, measured as whole packages.
 */
final class DevDependenciesRule implements Rule {
    @Override
    public RuleId id() {
        return RuleId.DEV_DEPENDENCIES;
    }

    @Override
    public List<Advice> apply(ImageFacts facts, Claims claims) {
        List<AdvisedPackage> dev = facts.inventory().stream().filter(AdvisedPackage::dev)
                .sorted(Comparator.comparingLong(AdvisedPackage::bytes).reversed().thenComparing(AdvisedPackage::name))
                .toList();
        if (dev.isEmpty()) return List.of();
        List<PackageClaims.Claimed> claimed = new ArrayList<>();
        dev.forEach(p -> claimed.add(PackageClaims.claim(p, facts, claims)));
        long bytes = claimed.stream().mapToLong(PackageClaims.Claimed::bytes).sum();
        boolean npm = dev.stream().anyMatch(p -> p.ecosystem().equals("npm"));
        List<Advice.Step> steps = claimed.stream().map(c -> c.pkg().layer()).distinct().sorted().map(facts::step).toList();
        String fix = npm
                ? "Install production dependencies only in the final image: `npm ci --omit=dev`, or run the build in "
                + "a build stage and COPY only its output and a `--omit=dev` install into the final stage."
                : "Install the package without its development extras in the final image, or build in a build stage "
                + "and COPY only what runs.";
        return List.of(new Advice(RuleId.DEV_DEPENDENCIES, dev.size() + " development dependenc"
                + (dev.size() == 1 ? "y" : "ies") + " in the final image: " + PackageClaims.names(claimed), bytes,
                Advice.Saving.IMAGE, 0, false, PackageClaims.evidence(claimed, p -> "dev dependency"), steps, fix));
    }
}
