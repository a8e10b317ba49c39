package io.strata.advise;

import io.strata.layer.EntryKind;
import io.strata.layer.LayerIndex;
import io.strata.model.HistoryEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Cache-busting order: the history copies the whole build context (a COPY of {@code .}, or of a directory
 * holding a dependency manifest) and a later RUN installs dependencies. Every source change then re-runs the
 * install and rebuilds (and re-pushes) its layer. The bytes are that install layer's, per rebuild.
 */
final class CacheOrderRule implements Rule {
    /** Dependency manifests, each before its lockfile: the order in which the fix names them. */
    private static final List<String> MANIFEST_ORDER = List.of("package.json", "package-lock.json",
            "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "requirements.txt", "pyproject.toml", "poetry.lock",
            "Pipfile", "Pipfile.lock", "setup.py", "pom.xml", "build.gradle", "build.gradle.kts", "go.mod", "go.sum",
            "Gemfile", "Gemfile.lock", "Cargo.toml", "Cargo.lock", "composer.json", "composer.lock");
    static final Set<String> MANIFESTS = Set.copyOf(MANIFEST_ORDER);
    private static final Pattern LANGUAGE_INSTALL = Pattern.compile(
            "\\b(pip3?|python3?\\s+-m\\s+pip)\\s+install\\b|\\bnpm\\s+(ci|install|i)\\b|\\byarn(\\s+install)?\\s*($|&&|;|--)"
                    + "|\\bpnpm\\s+(install|i)\\b|(^|[\\s;&|])(\\./)?(mvnw?|gradlew?)\\s+\\S|\\bgo\\s+(mod\\s+download|build|get|install)\\b"
                    + "|\\bbundle\\s+install\\b|\\bcargo\\s+(build|fetch|install)\\b|\\bcomposer\\s+install\\b"
                    + "|\\bpoetry\\s+install\\b|\\bpipenv\\s+(install|sync)\\b");
    private static final Pattern OS_INSTALL = Pattern.compile(
            "\\bapt(-get)?\\s+(-\\S+\\s+)*install\\b|\\bapk\\s+(-\\S+\\s+)*add\\b|\\b(dnf|yum|microdnf)\\s+(-\\S+\\s+)*install\\b");

    @Override
    public RuleId id() {
        return RuleId.CACHE_ORDER;
    }

    @Override
    public List<Advice> apply(ImageFacts facts, Claims claims) {
        List<HistoryEntry> history = facts.history();
        List<Advice> out = new ArrayList<>();
        int layer = -1;
        int copyStep = -1;
        int copyLayer = -1;
        List<String> manifests = List.of();
        for (int s = 0; s < history.size(); s++) {
            HistoryEntry h = history.get(s);
            if (!h.emptyLayer()) layer++;
            BuildStep step = BuildStep.parse(h.createdBy().orElse(""));
            if (copyStep < 0) {
                if (h.emptyLayer() || !step.copiesDirectory() || layer >= facts.layers().size()) continue;
                List<String> found = manifestsIn(facts.layers().get(layer));
                if (step.copiesContextRoot() || !found.isEmpty()) {
                    copyStep = s;
                    copyLayer = layer;
                    manifests = found;
                }
                continue;
            }
            if (step.kind() != BuildStep.Kind.RUN) continue;
            boolean language = LANGUAGE_INSTALL.matcher(step.command()).find();
            boolean os = OS_INSTALL.matcher(step.command()).find();
            if (!language && !os) continue;
            int installLayer = h.emptyLayer() || layer >= facts.layers().size() ? -1 : layer;
            out.add(advice(facts, copyLayer, history.get(copyStep), installLayer, h, manifests, language));
            break;
        }
        return out;
    }

    /**
     * The dependency manifests of the shallowest folder holding one in the COPY layer, as absolute paths, each
     * manifest before its lockfile; empty when none.
     */
    private static List<String> manifestsIn(LayerIndex layer) {
        String folder = null;
        int bestDepth = Integer.MAX_VALUE;
        List<String> found = new ArrayList<>();
        for (int i = 0; i < layer.size(); i++) {
            if (layer.kind(i) != EntryKind.FILE) continue;
            String p = layer.path(i);
            if (!MANIFESTS.contains(PathMatch.name(p)) || PathMatch.inPackageTree(p)) continue;
            found.add(p);
            int depth = p.split("/").length;
            if (depth < bestDepth) {
                folder = PathMatch.parent(p);
                bestDepth = depth;
            }
        }
        String chosen = folder;
        return found.stream().filter(p -> PathMatch.parent(p).equals(chosen)).distinct()
                .sorted(java.util.Comparator.comparingInt(p -> MANIFEST_ORDER.indexOf(PathMatch.name(p))))
                .map(p -> "/" + p).toList();
    }

    private static Advice advice(ImageFacts facts, int copyLayer, HistoryEntry copy, int installLayer,
                                 HistoryEntry install, List<String> manifests, boolean language) {
        String manifest = manifests.isEmpty() ? "" : manifests.get(0);
        long rebuilt = installLayer >= 0 ? facts.contentBytes(installLayer) : 0;
        List<Advice.Step> steps = new ArrayList<>();
        steps.add(new Advice.Step(copyLayer, copy.createdBy().orElse("")));
        steps.add(new Advice.Step(installLayer, install.createdBy().orElse("")));
        List<Advice.Evidence> evidence = new ArrayList<>();
        evidence.add(new Advice.Evidence(manifest, copyLayer, 1, 0, manifest.isEmpty()
                ? "the whole build context is copied in layer " + copyLayer
                : "dependency manifest copied with the rest of the sources in layer " + copyLayer));
        if (installLayer >= 0) {
            evidence.add(new Advice.Evidence("", installLayer, facts.layers().get(installLayer).totals().entries(),
                    rebuilt, "install layer rebuilt after every source change"));
        }
        List<String> names = manifests.stream().map(PathMatch::name).toList();
        String fix = language
                ? (names.isEmpty() ? "COPY the dependency manifest and its lockfile first"
                : "COPY " + (names.size() == 1 ? names.get(0) : String.join(", ", names.subList(0, names.size() - 1))
                + " and " + names.get(names.size() - 1)) + " first (`COPY " + String.join(" ", names) + " ./`)")
                + ", RUN the install, then COPY the rest of the sources: the install layer then stays cached until "
                + "the dependencies change."
                : "Install OS packages before copying the build context: they do not depend on it, and after the "
                + "COPY every source change re-runs the install.";
        return new Advice(RuleId.CACHE_ORDER, "Dependencies installed after the whole build context is copied (layer "
                + copyLayer + " before " + (installLayer >= 0 ? "layer " + installLayer : "the install step") + ")",
                rebuilt, Advice.Saving.REBUILD, 0, false, evidence, steps, fix);
    }
}
