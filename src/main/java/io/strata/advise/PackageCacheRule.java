package io.strata.advise;

import io.strata.layer.EntryKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Package manager leftovers: indexes, downloaded archives and caches that the running container never needs.
 * They are reported whether they are still visible or a later layer deletes them: either way the layer that
 * made them still ships their bytes, and the fix is to clean up in the same step.
 */
final class PackageCacheRule implements Rule {
    private static final int MAX_EVIDENCE = 8;

    private record Cache(String label, Predicate<String> matches, String fix) {
    }

    private static final List<Cache> CACHES = List.of(
            new Cache("apt package lists", p -> PathMatch.under(p, "var/lib/apt/lists") && !p.endsWith("/lock"),
                    "End the RUN that calls `apt-get update`/`apt-get install` with `&& rm -rf /var/lib/apt/lists/*`."),
            new Cache("apt package archives", p -> PathMatch.under(p, "var/cache/apt") && !p.endsWith("/lock"),
                    "Run `apt-get clean` (or `rm -rf /var/cache/apt/*`) at the end of the same RUN as "
                            + "`apt-get install`; `--no-install-recommends` also keeps the install small."),
            new Cache("apk cache", p -> PathMatch.under(p, "var/cache/apk") || PathMatch.under(p, "etc/apk/cache"),
                    "Use `apk add --no-cache`, or `rm -rf /var/cache/apk/*` in the same RUN."),
            new Cache("dnf/yum cache", p -> PathMatch.under(p, "var/cache/dnf") || PathMatch.under(p, "var/cache/yum"),
                    "End the install RUN with `&& dnf clean all` (or `yum clean all`), or install with "
                            + "`--setopt=keepcache=0`."),
            new Cache("pip cache", p -> PathMatch.hasDirSegment(p, ".cache/pip") || PathMatch.hasDirSegment(p, "pip-cache"),
                    "Install with `pip install --no-cache-dir` (or set `PIP_NO_CACHE_DIR=1`), or use a cache mount "
                            + "`RUN --mount=type=cache,target=/root/.cache/pip`."),
            new Cache("npm cache", p -> PathMatch.hasDirSegment(p, ".npm/_cacache") || PathMatch.hasDirSegment(p, ".npm/_logs"),
                    "Run `npm cache clean --force` in the same RUN as `npm ci`, or use a cache mount "
                            + "`RUN --mount=type=cache,target=/root/.npm`."),
            new Cache("yarn cache", p -> PathMatch.hasDirSegment(p, ".cache/yarn") || PathMatch.hasDirSegment(p, ".yarn-cache")
                    || PathMatch.under(p, "usr/local/share/.cache/yarn"),
                    "Run `yarn cache clean` in the same RUN as `yarn install`, or use a cache mount."),
            new Cache("maven repository", p -> PathMatch.hasDirSegment(p, ".m2/repository"),
                    "Build in a separate stage and COPY only the artifact, or use a cache mount "
                            + "`RUN --mount=type=cache,target=/root/.m2`."),
            new Cache("gradle cache", p -> PathMatch.hasDirSegment(p, ".gradle/caches")
                    || PathMatch.hasDirSegment(p, ".gradle/wrapper/dists"),
                    "Build in a separate stage and COPY only the artifact, or use a cache mount "
                            + "`RUN --mount=type=cache,target=/root/.gradle`."),
            new Cache("go build and module cache", p -> PathMatch.hasDirSegment(p, ".cache/go-build")
                    || PathMatch.under(p, "go/pkg/mod") || PathMatch.hasDirSegment(p, "go/pkg/mod"),
                    "Build Go binaries in a separate stage and COPY only the binary into the final image."),
            new Cache("Python bytecode (__pycache__)", p -> PathMatch.hasDirSegment(p, "__pycache__"),
                    "Set `PYTHONDONTWRITEBYTECODE=1` while installing, or remove `__pycache__` folders in the same "
                            + "RUN. Python then compiles modules when first imported: smaller image, slower first start."));

    @Override
    public RuleId id() {
        return RuleId.PACKAGE_CACHE;
    }

    @Override
    public List<Advice> apply(ImageFacts facts, Claims claims) {
        Map<Cache, List<StoredVersion>> found = new LinkedHashMap<>();
        for (StoredVersion v : facts.versions()) {
            if (v.kind() != EntryKind.FILE || v.bytes() == 0 || !maybeCache(v.path()) || claims.isClaimed(v)) continue;
            for (Cache c : CACHES) {
                if (c.matches().test(v.path())) {
                    claims.claim(v);
                    var distribution = v.visible() && c == CACHES.get(CACHES.size() - 1) ? compiledFrom(v.path(), facts)
                            : java.util.Optional.<AdvisedPackage>empty();
                    if (distribution.isPresent()) {
                        facts.shipped(distribution.get(), v.path(), v.bytes(), "bytecode the distribution compiles");
                        break;
                    }
                    found.computeIfAbsent(c, k -> new ArrayList<>()).add(v);
                    break;
                }
            }
        }
        List<Advice> out = new ArrayList<>();
        found.forEach((c, versions) -> out.add(advice(c, versions, facts)));
        return out;
    }

    /**
     * The OS package owning the source of a compiled module ("a/__pycache__/m.cpython-311.pyc" comes from "a/m.py"):
     * a distribution compiles its Python packages when it installs them, which is no build mistake.
     */
    private static java.util.Optional<AdvisedPackage> compiledFrom(String path, ImageFacts facts) {
        int cache = path.lastIndexOf("/__pycache__/");
        if (cache < 0) return java.util.Optional.empty();
        String name = path.substring(cache + "/__pycache__/".length());
        int dot = name.indexOf('.');
        if (dot <= 0) return java.util.Optional.empty();
        return facts.owner(path.substring(0, cache) + "/" + name.substring(0, dot) + ".py")
                .filter(p -> p.ecosystem().equals("deb") || p.ecosystem().equals("rpm") || p.ecosystem().equals("apk"));
    }

    /** A cheap test that every cache path passes, so most paths skip the patterns. */
    private static boolean maybeCache(String p) {
        return p.startsWith("var/") || p.startsWith("etc/apk/") || p.startsWith(".") || p.contains("/.")
                || p.contains("__pycache__") || p.contains("go/pkg/mod") || p.contains("pip-cache");
    }

    private static Advice advice(Cache c, List<StoredVersion> versions, ImageFacts facts) {
        long bytes = versions.stream().mapToLong(StoredVersion::bytes).sum();
        long hiddenBytes = versions.stream().filter(v -> !v.visible()).mapToLong(StoredVersion::bytes).sum();
        TreeSet<Integer> layers = new TreeSet<>();
        versions.forEach(v -> layers.add(v.layer()));
        TreeSet<Integer> deleters = new TreeSet<>();
        versions.stream().filter(v -> !v.visible()).forEach(v -> deleters.add(v.hiddenBy()));
        List<Advice.Step> steps = new ArrayList<>();
        layers.forEach(l -> steps.add(facts.step(l)));
        deleters.stream().filter(l -> !layers.contains(l)).forEach(l -> steps.add(facts.step(l)));
        String state = hiddenBytes == 0 ? "left in the image"
                : hiddenBytes == bytes ? "removed only in a later layer"
                : "left in the image, older copies hidden by later layers";
        String title = capitalise(c.label()) + " " + state + " (" + versions.size() + " files, layer"
                + (layers.size() > 1 ? "s " : " ") + join(layers) + ")";
        String fix = c.fix() + (hiddenBytes > 0
                ? " Deleting or replacing them in a later layer (" + join(deleters) + ") hides them but does not remove "
                + "the bytes stored below."
                : "");
        return new Advice(RuleId.PACKAGE_CACHE, title, bytes, Advice.Saving.IMAGE, 0, false,
                EvidenceSummary.of(versions, MAX_EVIDENCE, ContextFilesRule::note), steps, fix);
    }

    static String join(java.util.Collection<Integer> layers) {
        return String.join(", ", layers.stream().map(String::valueOf).toList());
    }

    static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
