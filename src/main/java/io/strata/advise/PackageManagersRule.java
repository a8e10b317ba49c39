package io.strata.advise;

import io.strata.layer.EntryKind;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Package managers shipped in the final image, which installs, not runs, need: npm (a global install under
 * {@code lib/node_modules/npm}, or the OS package), pip (the Python distribution, or the OS package), yarn and pnpm
 * (global installs, the OS package, Yarn's {@code /usr/share/yarn}, pnpm's home) and the releases corepack downloads. Each is
 * measured whole: the OS package with what only it pulled in, the language package's files, the global folder.
 * Their caches and the OS package indexes are {@link PackageCacheRule}'s.
 */
final class PackageManagersRule implements Rule {
    private static final int MAX_EVIDENCE = 8;

    /** One tool: its OS package names, its name as a language package, the folders a global install uses. */
    private record Tool(String label, Set<String> osPackages, String ecosystem, String languagePackage,
                        List<String> folders, String fix) {
        /** The folder a global install of the tool uses that holds the path, or "". */
        String folder(String path) {
            for (String segment : folders) if (PathMatch.hasDirSegment(path, segment)) return segment;
            return "";
        }
    }

    private static final List<Tool> TOOLS = List.of(
            new Tool("npm", Set.of("npm", "nodejs-npm"), "npm", "", List.of("lib/node_modules/npm"),
                    "Run `npm ci --omit=dev` in a build stage and COPY `node_modules` and the application into a final "
                            + "stage that has node but no npm (a slim or distroless Node runtime); removing npm in a "
                            + "later RUN hides it but leaves its bytes in the layer below."),
            new Tool("pip", Set.of("python3-pip", "python-pip", "py3-pip", "python3-pip-wheel"), "python", "pip",
                    List.of("site-packages/pip", "dist-packages/pip"),
                    "Install with `pip install --no-cache-dir` into a virtual environment in a build stage and COPY "
                            + "the environment into a final stage without pip (a distroless or slim Python runtime, "
                            + "or `python -m venv --without-pip`)."),
            // Debian names Yarn classic yarnpkg; Yarn's own apt repository ships yarn into /usr/share/yarn
            new Tool("yarn", Set.of("yarn", "yarnpkg"), "npm", "", List.of("lib/node_modules/yarn", "usr/share/yarn"),
                    "Run `yarn install --production` in a build stage and COPY `node_modules` and the application into "
                            + "a final stage that has node but no yarn; its cache (`~/.cache/yarn`) is named on its own."),
            new Tool("pnpm", Set.of("pnpm"), "npm", "", List.of("lib/node_modules/pnpm", ".local/share/pnpm"),
                    "Run `pnpm install --prod` in a build stage and COPY `node_modules` and the application into a final "
                            + "stage without pnpm and its store (`~/.local/share/pnpm`)."),
            // what `corepack enable` downloads on first use: whole yarn and pnpm releases
            new Tool("corepack's cache of package managers", Set.of(), "npm", "", List.of(".cache/node/corepack"),
                    "Let corepack download yarn or pnpm in a build stage only, or point `COREPACK_HOME` at a cache mount "
                            + "(`RUN --mount=type=cache,target=/root/.cache/node/corepack`)."));

    @Override
    public RuleId id() {
        return RuleId.PACKAGE_MANAGERS;
    }

    @Override
    public List<Advice> apply(ImageFacts facts, Claims claims) {
        List<Advice> out = new ArrayList<>();
        for (Tool tool : TOOLS) advise(tool, facts, claims).ifPresent(out::add);
        return out;
    }

    private static Optional<Advice> advise(Tool tool, ImageFacts facts, Claims claims) {
        List<Advice.Evidence> evidence = new ArrayList<>();
        Set<Integer> layers = new TreeSet<>();
        long bytes = 0;
        int files = 0;
        for (String ecosystem : List.of("deb", "rpm", "apk")) {
            Map<String, AdvisedPackage> installed = PackageSets.of(facts, ecosystem);
            Set<String> seeds = new LinkedHashSet<>();
            for (String name : tool.osPackages()) if (installed.containsKey(name)) seeds.add(name);
            if (seeds.isEmpty()) continue;
            Set<String> closure = PackageSets.closure(seeds, installed, p -> !PackageSets.askedFor(p, facts));
            List<PackageClaims.Claimed> claimed = PackageSets.claimAll(closure, installed, facts, claims);
            for (PackageClaims.Claimed c : claimed) {
                if (c.files() == 0) continue;
                evidence.add(new Advice.Evidence(c.pkg().label(), c.pkg().layer(), c.files(), c.bytes(),
                        seeds.contains(c.pkg().name()) ? "the package manager" : "required only by "
                                + String.join(", ", c.pkg().requiredBy())));
                layers.add(c.pkg().layer());
                bytes += c.bytes();
                files += c.files();
            }
        }
        for (AdvisedPackage p : facts.inventory()) {
            if (!p.ecosystem().equals(tool.ecosystem()) || !p.name().equals(tool.languagePackage())) continue;
            PackageClaims.Claimed c = PackageClaims.claim(p, facts, claims);
            if (c.files() == 0) continue;
            evidence.add(new Advice.Evidence(p.label(), p.layer(), c.files(), c.bytes(), "the package manager"));
            layers.add(p.layer());
            bytes += c.bytes();
            files += c.files();
        }
        // a global install no package database lists (npm beside node in /usr/local): its folder, whole
        Map<String, List<StoredVersion>> folders = new TreeMap<>();
        for (StoredVersion v : facts.versions()) {
            if (!v.visible() || v.kind() == EntryKind.DIR || claims.isClaimed(v)) continue;
            String folder = tool.folder(v.path());
            if (folder.isEmpty()) continue;
            claims.claim(v);
            String root = PathMatch.upToSegment(v.path(), folder);
            folders.computeIfAbsent(root, k -> new ArrayList<>()).add(v);
        }
        for (Map.Entry<String, List<StoredVersion>> e : folders.entrySet()) {
            long folderBytes = e.getValue().stream().mapToLong(StoredVersion::bytes).sum();
            TreeSet<Integer> folderLayers = new TreeSet<>();
            e.getValue().forEach(v -> folderLayers.add(v.layer()));
            evidence.add(new Advice.Evidence("/" + e.getKey() + "/", folderLayers.size() == 1 ? folderLayers.first() : -1,
                    e.getValue().size(), folderBytes, "the package manager's folder"));
            layers.addAll(folderLayers);
            bytes += folderBytes;
            files += e.getValue().size();
        }
        if (evidence.isEmpty()) return Optional.empty();
        List<Advice.Evidence> shown = evidence.size() > MAX_EVIDENCE ? evidence.subList(0, MAX_EVIDENCE) : evidence;
        return Optional.of(new Advice(RuleId.PACKAGE_MANAGERS, tool.label() + " in the final image (" + files + " files)",
                bytes, Advice.Saving.IMAGE, 0, false, shown, layers.stream().filter(l -> l >= 0).map(facts::step).toList(),
                tool.fix()));
    }

}
