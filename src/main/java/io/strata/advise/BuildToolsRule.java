package io.strata.advise;

import io.strata.layer.EntryKind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Build tools in the final image: compilers (gcc's cc1, javac, rustc, the Go toolchain), headers, static
 * libraries and object files, -dev packages, and source trees next to a build file. The runtime rarely needs
 * any of it; a multi-stage build leaves it behind. With the package inventory, build-only packages are measured
 * whole first ({@link BuildOnlyPackages}); the file patterns then find what no package advice took. Without a
 * compiler or -dev package, headers and libraries alone are reported from 1 MB up.
 */
final class BuildToolsRule implements Rule {
    private static final int MAX_EVIDENCE = 8;
    private static final long LOOSE_THRESHOLD = 1_000_000;
    private static final int MIN_SOURCE_FILES = 3;
    private static final Set<String> COMPILER_NAMES = Set.of("cc1", "cc1plus", "cc1obj", "lto1", "f951", "javac",
            "rustc", "gfortran");
    private static final Pattern COMPILER = Pattern.compile("(gcc|g\\+\\+|clang|clang\\+\\+)(-\\d+(\\.\\d+)*)?");
    private static final Pattern CROSS_TOOL = Pattern.compile(
            "[a-z0-9_]+-linux-gnu[a-z]*-(gcc|g\\+\\+|cpp|as|ld|ld\\.bfd|ld\\.gold|lto-dump|gcov)(-[a-z]+)?(-\\d+)?");
    private static final Set<String> BUILD_FILES = Set.of("Makefile", "makefile", "CMakeLists.txt", "configure",
            "meson.build", "Cargo.toml", "go.mod", "pom.xml", "build.gradle", "build.gradle.kts", "build.sbt",
            "SConstruct");
    private static final Set<String> SOURCE_EXTENSIONS = Set.of("c", "cc", "cpp", "cxx", "h", "hh", "hpp", "go", "rs",
            "java", "kt", "scala", "cs", "f90", "m");

    @Override
    public RuleId id() {
        return RuleId.BUILD_TOOLS;
    }

    @Override
    public List<Advice> apply(ImageFacts facts, Claims claims) {
        List<Advice> out = new ArrayList<>(BuildOnlyPackages.advise(facts, claims));
        toolchain(facts, claims, out, BuildOnlyPackages.covered(out));
        sourceTrees(facts, claims, out);
        return out;
    }

    /** What build-only packages leave: tools and files no package owns, or that the inventory cannot name. */
    private static void toolchain(ImageFacts facts, Claims claims, List<Advice> out, Set<String> coveredPackages) {
        Set<String> compilers = new TreeSet<>();
        Set<String> toolchainRoots = new HashSet<>();
        for (StoredVersion v : facts.versions()) {
            if (!v.visible() || v.kind() == EntryKind.DIR || claims.isClaimed(v)) continue;
            String p = v.path();
            boolean inBin = p.contains("bin/") || p.contains("libexec/") || p.startsWith("usr/lib/gcc/");
            if (inBin && isCompiler(v.name())) compilers.add(v.absolute());
            if (p.endsWith("/compile") && p.contains("/pkg/tool/")) {
                compilers.add(v.absolute());
                toolchainRoots.add(p.substring(0, p.indexOf("/pkg/tool/")));
            }
            if (p.endsWith("bin/javac")) toolchainRoots.add(p.substring(0, p.lastIndexOf("/bin/")) + "/jmods");
        }
        List<String> devPackages = facts.packages().names().stream()
                .filter(n -> n.endsWith("-dev") && !coveredPackages.contains(n)).toList();
        Map<String, List<StoredVersion>> parts = new java.util.LinkedHashMap<>();
        for (StoredVersion v : facts.versions()) {
            if (!v.visible() || v.kind() == EntryKind.DIR || claims.isClaimed(v)) continue;
            String part = part(v, compilers.isEmpty(), toolchainRoots);
            if (part != null) parts.computeIfAbsent(part, k -> new ArrayList<>()).add(v);
        }
        long bytes = parts.values().stream().flatMap(List::stream).mapToLong(StoredVersion::bytes).sum();
        if (compilers.isEmpty() && devPackages.isEmpty() && bytes < LOOSE_THRESHOLD) return;
        if (compilers.isEmpty() && devPackages.isEmpty() && parts.isEmpty()) return;
        List<StoredVersion> all = new ArrayList<>();
        parts.values().forEach(all::addAll);
        all.forEach(claims::claim);
        List<Advice.Evidence> evidence = new ArrayList<>();
        if (!compilers.isEmpty()) {
            evidence.add(new Advice.Evidence("", -1, compilers.size(), 0,
                    "compilers: " + String.join(", ", compilers.stream().limit(6).toList())
                            + (compilers.size() > 6 ? ", ..." : "")));
        }
        if (!devPackages.isEmpty()) {
            evidence.add(new Advice.Evidence(facts.packages().source(), -1, devPackages.size(), 0,
                    devPackages.size() + " -dev package" + (devPackages.size() == 1 ? "" : "s") + ": "
                            + String.join(", ", devPackages.stream().limit(8).toList())
                            + (devPackages.size() > 8 ? ", ..." : "")));
        }
        evidence.addAll(EvidenceSummary.of(all, MAX_EVIDENCE, ContextFilesRule::note));
        List<String> what = new ArrayList<>();
        if (!compilers.isEmpty()) what.add("compilers");
        parts.keySet().forEach(what::add);
        if (!devPackages.isEmpty()) what.add(devPackages.size() + " -dev packages");
        TreeSet<Integer> layers = new TreeSet<>();
        all.forEach(v -> layers.add(v.layer()));
        out.add(new Advice(RuleId.BUILD_TOOLS, "Build tools in the final image: " + String.join(", ", what), bytes,
                Advice.Saving.IMAGE, 0, false, evidence, layers.stream().map(facts::step).toList(),
                "Use a multi-stage build: compile in a `FROM ... AS build` stage and COPY only the artifacts into a "
                        + "runtime image without compilers, headers, static libraries and -dev packages. The bytes "
                        + "shown are the files named here; removing the packages frees more."));
    }

    private static boolean isCompiler(String name) {
        return COMPILER_NAMES.contains(name) || COMPILER.matcher(name).matches();
    }

    /** Which part of a toolchain a visible file belongs to, or null. */
    private static String part(StoredVersion v, boolean noCompiler, Set<String> toolchainRoots) {
        String p = v.path();
        if (PathMatch.under(p, "usr/include") || PathMatch.under(p, "usr/local/include")) return "headers";
        if (p.endsWith(".a") && v.kind() == EntryKind.FILE) return "static libraries";
        if (p.endsWith(".o") && v.kind() == EntryKind.FILE) return "object files";
        if (noCompiler) return null;
        if (PathMatch.under(p, "usr/lib/gcc") || PathMatch.under(p, "usr/libexec/gcc")) return "compiler files";
        if (p.contains("bin/")) {
            String name = v.name();
            if (isCompiler(name) || CROSS_TOOL.matcher(name).matches()) return "compiler files";
        }
        for (String root : toolchainRoots) {
            if (PathMatch.under(p, root)) return "compiler files";
        }
        return null;
    }

    private static void sourceTrees(ImageFacts facts, Claims claims, List<Advice> out) {
        Set<String> buildFileDirs = new HashSet<>();
        for (StoredVersion v : facts.versions()) {
            if (v.visible() && v.kind() == EntryKind.FILE && BUILD_FILES.contains(v.name())
                    && !PathMatch.inPackageTree(v.path())) {
                buildFileDirs.add(PathMatch.parent(v.path()));
            }
        }
        if (buildFileDirs.isEmpty()) return;
        Map<String, List<StoredVersion>> trees = new HashMap<>();
        for (StoredVersion v : facts.versions()) {
            if (!v.visible() || v.kind() != EntryKind.FILE || claims.isClaimed(v)) continue;
            if (!PathMatch.hasExtension(v.path(), SOURCE_EXTENSIONS) || PathMatch.inPackageTree(v.path())) continue;
            String root = projectRoot(PathMatch.parent(v.path()), buildFileDirs);
            if (root != null) trees.computeIfAbsent(root, k -> new ArrayList<>()).add(v);
        }
        Set<String> roots = new LinkedHashSet<>(new TreeSet<>(trees.keySet()));
        for (String root : roots) {
            List<StoredVersion> files = trees.get(root);
            if (files.size() < MIN_SOURCE_FILES) continue;
            files.forEach(claims::claim);
            long bytes = files.stream().mapToLong(StoredVersion::bytes).sum();
            TreeSet<Integer> layers = new TreeSet<>();
            files.forEach(v -> layers.add(v.layer()));
            out.add(new Advice(RuleId.BUILD_TOOLS, "Source tree in the final image: /" + root + " (" + files.size()
                    + " source files)", bytes, Advice.Saving.IMAGE, 0, false,
                    EvidenceSummary.of(files, MAX_EVIDENCE, ContextFilesRule::note),
                    layers.stream().map(facts::step).toList(),
                    "Build in a separate stage and COPY only the built program into the final image; the sources "
                            + "stay in the build stage."));
        }
    }

    /** The outermost ancestor of dir (itself included) that holds a build file, or null. */
    private static String projectRoot(String dir, Set<String> buildFileDirs) {
        String found = null;
        for (String d = dir; ; d = PathMatch.parent(d)) {
            if (buildFileDirs.contains(d)) found = d;
            if (d.isEmpty()) break;
        }
        return found;
    }
}
