package io.strata.advise;

import io.strata.layer.EntryKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Files a package manager or useradd rewrites as part of its job: dpkg's database, debconf's cache, apt's and
 * dpkg's logs, the linker cache, apk's and rpm's databases, /etc/passwd and friends. Every install or new user
 * stores them again, so their older versions stay in lower layers; that is not a build mistake and is not
 * counted as a saving. They are claimed first, so no other rule counts them, and shown as one informational line
 * per tool with the bytes, so nothing is hidden.
 */
final class ShippedRule implements Rule {
    private static final int MAX_EVIDENCE = 4;

    private record Tool(String name, String what, Predicate<String> matches, String fix) {
    }

    private static final String ONE_RUN = " Installing everything in one RUN stores them once.";
    private static final List<Tool> TOOLS = List.of(
            new Tool("dpkg", "dpkg's database and log", p -> p.startsWith("var/lib/dpkg/") || p.equals("var/log/dpkg.log")
                    || p.equals("var/log/alternatives.log"),
                    "Nothing to fix in the build: dpkg rewrites its database on every install." + ONE_RUN),
            new Tool("debconf", "debconf's cache", p -> p.startsWith("var/cache/debconf/"),
                    "Nothing to fix in the build: debconf rewrites its cache on every install." + ONE_RUN),
            new Tool("apt", "apt's state and logs", p -> p.equals("var/lib/apt/extended_states") || p.startsWith("var/log/apt/"),
                    "Nothing to fix in the build: apt records what it installed on every install." + ONE_RUN),
            new Tool("ldconfig", "the dynamic linker's cache", p -> p.equals("etc/ld.so.cache")
                    || p.startsWith("var/cache/ldconfig/"),
                    "Nothing to fix in the build: ldconfig rebuilds its cache after every install of a library."
                            + ONE_RUN),
            new Tool("useradd", "the user and group files", p -> p.startsWith("etc/") && isAccountFile(p.substring(4))
                    || p.equals("var/log/lastlog") || p.equals("var/log/faillog"),
                    "Nothing to fix in the build: useradd and groupadd rewrite these files. Creating users early, "
                            + "in one RUN, stores them once."),
            new Tool("apk", "apk's database", p -> p.startsWith("lib/apk/db/") || p.equals("etc/apk/world"),
                    "Nothing to fix in the build: apk rewrites its database on every install." + ONE_RUN),
            new Tool("rpm", "the rpm and dnf databases", p -> p.startsWith("var/lib/rpm/") || p.startsWith("usr/lib/sysimage/rpm/")
                    || p.startsWith("var/lib/dnf/") || p.startsWith("var/log/dnf") || p.equals("var/log/yum.log"),
                    "Nothing to fix in the build: rpm and dnf rewrite their databases on every install." + ONE_RUN));

    private static boolean isAccountFile(String name) {
        String base = name.endsWith("-") ? name.substring(0, name.length() - 1) : name;
        return base.equals("passwd") || base.equals("group") || base.equals("shadow") || base.equals("gshadow")
                || base.equals("subuid") || base.equals("subgid");
    }

    /** A cheap test every state path passes. */
    private static boolean maybe(String p) {
        return p.startsWith("var/") || p.startsWith("etc/") || p.startsWith("lib/apk/") || p.startsWith("usr/lib/sysimage/");
    }

    @Override
    public RuleId id() {
        return RuleId.SHIPPED;
    }

    @Override
    public List<Advice> apply(ImageFacts facts, Claims claims) {
        Map<Tool, List<StoredVersion>> hidden = new LinkedHashMap<>();
        for (StoredVersion v : facts.versions()) {
            if (v.kind() == EntryKind.DIR || !maybe(v.path())) continue;
            for (Tool t : TOOLS) {
                if (!t.matches().test(v.path())) continue;
                // visible versions are claimed too: the state is the image's own, never a duplicate to remove
                claims.claim(v);
                if (!v.visible() && v.bytes() > 0) hidden.computeIfAbsent(t, k -> new ArrayList<>()).add(v);
                break;
            }
        }
        List<Advice> out = new ArrayList<>();
        hidden.forEach((t, versions) -> {
            TreeSet<Integer> layers = new TreeSet<>();
            versions.forEach(v -> layers.add(v.hiddenBy()));
            out.add(new Advice(RuleId.SHIPPED, capitalise(t.what()) + " rewritten by later steps (" + t.name()
                    + "'s own work, not counted)", 0, Advice.Saving.INFO, 0, false,
                    EvidenceSummary.of(versions, MAX_EVIDENCE, v -> "older version, rewritten in layer " + v.hiddenBy()),
                    layers.stream().map(facts::step).toList(), t.fix()));
        });
        return out;
    }

    /**
     * Files packages ship that a later rule would have flagged (duplicates within packages, a distribution's own
     * bytecode): one evidence line per package with its bytes, not counted.
     */
    static java.util.Optional<Advice> packageFiles(ImageFacts facts) {
        Map<AdvisedPackage, List<ImageFacts.ShippedFile>> byPackage = new LinkedHashMap<>();
        for (ImageFacts.ShippedFile f : facts.shippedFiles()) byPackage.computeIfAbsent(f.pkg(), k -> new ArrayList<>()).add(f);
        if (byPackage.isEmpty()) return java.util.Optional.empty();
        List<Advice.Evidence> evidence = new ArrayList<>();
        byPackage.forEach((p, files) -> evidence.add(new Advice.Evidence(p.label(), p.layer(), files.size(),
                files.stream().mapToLong(ImageFacts.ShippedFile::bytes).sum(), files.get(0).why()
                        + (files.size() > 1 ? " (" + files.size() + " files)" : ": /" + files.get(0).path()))));
        evidence.sort(java.util.Comparator.comparingLong(Advice.Evidence::bytes).reversed()
                .thenComparing(Advice.Evidence::path));
        TreeSet<Integer> layers = new TreeSet<>();
        byPackage.keySet().forEach(p -> layers.add(p.layer()));
        return java.util.Optional.of(new Advice(RuleId.SHIPPED, "Files as " + byPackage.size() + " package"
                + (byPackage.size() == 1 ? "" : "s") + " ship them (not counted)", 0, Advice.Saving.INFO, 0, false,
                evidence, layers.stream().map(facts::step).toList(),
                "Nothing to fix in the build: these files come with the packages as their maintainers built them."));
    }

    private static String capitalise(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
