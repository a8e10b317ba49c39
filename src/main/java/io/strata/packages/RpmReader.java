package io.strata.packages;

import io.strata.model.Finding;
import io.strata.packages.RpmHeader.RpmException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * rpm packages from whichever database the image has: sqlite {@code rpmdb.sqlite}, NDB {@code Packages.db} or
 * BerkeleyDB {@code Packages}, in {@code /var/lib/rpm} or {@code /usr/lib/sysimage/rpm}. Every package rpm -qa
 * lists (gpg-pubkey entries too); version as {@code [EPOCH:]VERSION-RELEASE}; requirements resolved to the
 * installed packages that provide them. Weak dependencies become {@code recommends}: what a package Recommends,
 * and the packages that Supplement it (dnf installs a supplementing package because this one is installed).
 * {@code auto} comes from dnf's history database when the image has one ({@link DnfHistory}).
 */
final class RpmReader implements DatabaseReader {
    private static final List<String> DIRS = List.of("/usr/lib/sysimage/rpm/", "/var/lib/rpm/");
    /** rpm's own order of preference when several are present (a converted database leaves the old one). */
    private static final List<String> FILES = List.of("rpmdb.sqlite", "Packages.db", "Packages");

    @Override
    public Ecosystem ecosystem() {
        return Ecosystem.RPM;
    }

    @Override
    public boolean captures(String p) {
        for (String d : DIRS) if (p.startsWith(d) && FILES.contains(p.substring(d.length()))) return true;
        return DnfHistory.captures(p);
    }

    @Override
    public List<DeclaredPackage> read(PackageFiles files, List<Finding> findings) {
        for (String dir : DIRS) {
            for (String name : FILES) {
                String path = dir + name;
                Optional<byte[]> bytes = files.read(path);
                if (bytes.isEmpty()) continue;
                try {
                    List<byte[]> blobs = switch (name) {
                        case "rpmdb.sqlite" -> RpmDatabases.sqlite(bytes.get());
                        case "Packages.db" -> RpmDatabases.ndb(bytes.get());
                        default -> RpmDatabases.berkeleyDb(bytes.get());
                    };
                    return packages(path, blobs, DnfHistory.auto(files, findings), findings);
                } catch (RpmException e) {
                    findings.add(Finding.warning("package-db-corrupt", path + ": " + e.getMessage()).atPath(path));
                }
            }
        }
        return List.of();
    }

    private record Header(RpmHeader h, String name) {
    }

    /** @param auto dnf's history: pulled in (true) or asked for (false), by name; packages it never saw are absent */
    private static List<DeclaredPackage> packages(String location, List<byte[]> blobs, Map<String, Boolean> auto,
                                                  List<Finding> findings) {
        List<Header> headers = new ArrayList<>();
        int bad = 0;
        String firstProblem = null;
        for (byte[] blob : blobs) {
            try {
                RpmHeader h = RpmHeader.parse(blob);
                Optional<String> name = h.string(RpmHeader.NAME);
                if (name.isEmpty()) throw new RpmException("a header without a NAME");
                headers.add(new Header(h, name.get()));
            } catch (RpmException e) {
                bad++;
                if (firstProblem == null) firstProblem = e.getMessage();
            }
        }
        if (bad > 0) {
            findings.add(Finding.warning("package-db-corrupt", location + ": " + bad + " damaged package headers skipped ("
                    + firstProblem + ")").atPath(location));
        }
        Map<String, Set<String>> providers = new HashMap<>();
        for (Header h : headers) {
            providers.computeIfAbsent(h.name(), k -> new LinkedHashSet<>()).add(h.name());
            for (String cap : h.h().strings(RpmHeader.PROVIDENAME)) {
                providers.computeIfAbsent(cap, k -> new LinkedHashSet<>()).add(h.name());
            }
        }
        Map<String, Set<String>> supplementedBy = new HashMap<>();
        for (Header hd : headers) {
            for (String sup : hd.h().strings(RpmHeader.SUPPLEMENTNAME)) {
                for (String cap : capabilities(sup)) {
                    for (String p : providers.getOrDefault(cap, Set.of())) {
                        if (!p.equals(hd.name())) supplementedBy.computeIfAbsent(p, k -> new LinkedHashSet<>()).add(hd.name());
                    }
                }
            }
        }
        List<DeclaredPackage> out = new ArrayList<>();
        for (Header hd : headers) {
            RpmHeader h = hd.h();
            String version = h.string(RpmHeader.VERSION).orElse("");
            String release = h.string(RpmHeader.RELEASE).orElse("");
            String full = (release.isEmpty() ? version : version + "-" + release);
            Optional<Long> epoch = h.number(RpmHeader.EPOCH);
            if (epoch.isPresent()) full = epoch.get() + ":" + full;
            Set<String> depends = new LinkedHashSet<>();
            for (String req : h.strings(RpmHeader.REQUIRENAME)) {
                if (req.startsWith("rpmlib(")) continue;
                for (String p : providers.getOrDefault(req, Set.of())) if (!p.equals(hd.name())) depends.add(p);
            }
            Set<String> recommends = new LinkedHashSet<>();
            for (String rec : h.strings(RpmHeader.RECOMMENDNAME)) {
                for (String cap : capabilities(rec)) {
                    for (String p : providers.getOrDefault(cap, Set.of())) if (!p.equals(hd.name())) recommends.add(p);
                }
            }
            recommends.addAll(supplementedBy.getOrDefault(hd.name(), Set.of()));
            List<String> licenses = h.string(RpmHeader.LICENSE).filter(s -> !s.isBlank()).map(List::of).orElse(List.of());
            out.add(new DeclaredPackage(Ecosystem.RPM, hd.name(), full, h.string(RpmHeader.ARCH), sourceName(h),
                    licenses, location, h.files(), List.copyOf(depends), List.copyOf(recommends),
                    Optional.ofNullable(auto.get(hd.name())), false));
        }
        return out;
    }

    /**
     * The capabilities a weak dependency names: itself, or for a rich dependency ("(a and (b or c))", "(x if y)")
     * every name in it, the operators and versions left out.
     */
    static List<String> capabilities(String dependency) {
        if (!dependency.startsWith("(")) return List.of(dependency);
        List<String> out = new ArrayList<>();
        boolean afterOperator = false;
        for (String token : dependency.replace("(", " ").replace(")", " ").trim().split("\\s+")) {
            if (token.isEmpty() || RICH_KEYWORDS.contains(token)) continue;
            if (token.matches("[<>=]+")) {
                afterOperator = true;
                continue;
            }
            if (!afterOperator) out.add(token);
            afterOperator = false;
        }
        return out;
    }

    private static final Set<String> RICH_KEYWORDS = Set.of("and", "or", "if", "else", "with", "without", "unless");

    /** The source package's name from SOURCERPM ("zlib-1.2.11-17.el8.src.rpm" gives "zlib"). */
    private static Optional<String> sourceName(RpmHeader h) {
        return h.string(RpmHeader.SOURCERPM).map(s -> {
            String base = s.endsWith(".rpm") ? s.substring(0, s.length() - 4) : s;
            int dot = base.lastIndexOf('.');
            if (dot > 0) base = base.substring(0, dot);
            for (int i = 0; i < 2; i++) {
                int dash = base.lastIndexOf('-');
                if (dash > 0) base = base.substring(0, dash);
            }
            return base;
        }).filter(s -> !s.isEmpty());
    }
}
