package io.strata.advise;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * OS packages that only building needs (compilers, -dev/-devel packages, headers, make, binutils,
 * build-essential), measured as whole packages: every visible file they own, plus the packages only they pulled
 * in. A library a -dev package requires from its own source package (zlib1g for zlib1g-dev) is kept out: a
 * program built against the -dev package needs it at run time.
 */
final class BuildOnlyPackages {
    private static final Pattern BUILD_ONLY = Pattern.compile(String.join("|",
            "build-essential", "build-base", ".+-dev", ".+-devel", ".+-dev-bin", ".+-headers", "libc-dev-bin",
            "(gcc|g\\+\\+|cpp|gfortran|clang)(-\\d+(\\.\\d+)*)?", "gcc-c\\+\\+", "make", "cmake", "ninja-build",
            "binutils(-.+)?", "dpkg-dev", "autoconf", "automake", "libtool", "pkgconf", "pkg-config", "bison", "flex"));
    private static final List<String> ECOSYSTEMS = List.of("deb", "rpm", "apk");

    private BuildOnlyPackages() {
    }

    static boolean isBuildOnly(String name) {
        return BUILD_ONLY.matcher(name).matches();
    }

    private static boolean isDevPackage(String name) {
        return name.endsWith("-dev") || name.endsWith("-devel");
    }

    /** The advice for the build-only packages of each OS ecosystem whose files the inventory lists. */
    static List<Advice> advise(ImageFacts facts, Claims claims) {
        List<Advice> out = new ArrayList<>();
        for (String ecosystem : ECOSYSTEMS) advise(ecosystem, facts, claims).ifPresent(out::add);
        return out;
    }

    /** Names the package advice covers (so the file-based advice does not name them again). */
    static Set<String> covered(List<Advice> advice) {
        Set<String> out = new TreeSet<>();
        for (Advice a : advice) {
            for (Advice.Evidence e : a.evidence()) {
                int slash = e.path().indexOf('/');
                int space = e.path().indexOf(' ');
                if (slash > 0 && e.files() > 0) out.add(e.path().substring(slash + 1, space < 0 ? e.path().length() : space));
            }
        }
        return out;
    }

    private static Optional<Advice> advise(String ecosystem, ImageFacts facts, Claims claims) {
        Map<String, AdvisedPackage> installed = PackageSets.of(facts, ecosystem);
        Set<String> seeds = new LinkedHashSet<>();
        for (AdvisedPackage p : installed.values()) if (isBuildOnly(p.name()) && !p.files().isEmpty()) seeds.add(p.name());
        if (seeds.isEmpty()) return Optional.empty();
        Set<String> kept = new TreeSet<>();
        Set<String> closure = PackageSets.closure(seeds, installed, p -> {
            if (PackageSets.askedFor(p, facts)) return false;
            if (runtimeHalf(p, installed)) {
                kept.add(p.name());
                return false;
            }
            return true;
        });
        // a package an earlier rule already counted whole (a recommendation) is named there, not again here
        List<PackageClaims.Claimed> claimed = PackageSets.claimAll(closure, installed, facts, claims).stream()
                .filter(c -> c.files() > 0).toList();
        if (claimed.isEmpty()) return Optional.empty();
        List<Advice.Evidence> evidence = new ArrayList<>(PackageClaims.evidence(claimed, p -> seeds.contains(p.name())
                ? "build-only" : "required only by " + String.join(", ", p.requiredBy())));
        kept.removeAll(closure);
        if (!kept.isEmpty()) {
            evidence.add(Advice.Evidence.note("kept, as the runtime half of a -dev package: "
                    + String.join(", ", kept)));
        }
        String names = PackageClaims.names(claimed);
        String install = switch (ecosystem) {
            case "rpm" -> "`dnf install`";
            case "apk" -> "`apk add`";
            default -> "`apt-get install`";
        };
        return Optional.of(new Advice(RuleId.BUILD_TOOLS, claimed.size() + " build-only package"
                + (claimed.size() == 1 ? "" : "s") + " in the final image: " + names, PackageSets.bytes(claimed),
                Advice.Saving.IMAGE, 0, false, evidence, PackageSets.steps(claimed, facts),
                "Use a multi-stage build: compile in a builder stage (`FROM ... AS build`) that installs "
                        + String.join(", ", seeds)
                        + ", and COPY only the artefacts into the final stage, where " + install
                        + " names only the runtime libraries" + (kept.isEmpty() ? "" : " (" + String.join(", ", kept)
                        + ")") + "."));
    }

    /** A library a -dev package of the same source requires: what programs built against it load at run time. */
    private static boolean runtimeHalf(AdvisedPackage p, Map<String, AdvisedPackage> installed) {
        if (isDevPackage(p.name())) return false;
        for (String by : p.requiredBy()) {
            AdvisedPackage dev = installed.get(by);
            if (dev != null && isDevPackage(dev.name()) && dev.source().equals(p.source())) return true;
        }
        return false;
    }
}
