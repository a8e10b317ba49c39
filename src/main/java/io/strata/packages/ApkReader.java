package io.strata.packages;

import io.strata.model.Finding;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Alpine packages from apk's {@code /lib/apk/db/installed}: one paragraph per package of "K:value" lines (P name,
 * V version, A arch, L license, o origin, D depends, p provides, F folder, R file in the last folder). A
 * dependency on a provided name ({@code so:libc.musl-x86_64.so.1}) resolves to the package that provides it.
 */
final class ApkReader implements DatabaseReader {
    static final String INSTALLED = "/lib/apk/db/installed";

    @Override
    public Ecosystem ecosystem() {
        return Ecosystem.APK;
    }

    @Override
    public boolean captures(String absolutePath) {
        return absolutePath.equals(INSTALLED);
    }

    private static final class Entry {
        String name;
        String version;
        String arch;
        String license;
        String origin;
        final List<String> depends = new ArrayList<>();
        final List<String> provides = new ArrayList<>();
        final List<String> files = new ArrayList<>();
    }

    @Override
    public List<DeclaredPackage> read(PackageFiles files, List<Finding> findings) {
        Optional<byte[]> bytes = files.read(INSTALLED);
        if (bytes.isEmpty()) return List.of();
        if (ControlFile.looksBinary(bytes.get())) {
            findings.add(Finding.warning("package-db-corrupt", INSTALLED + ": not an apk database (binary content)")
                    .atPath(INSTALLED));
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        Entry current = null;
        String folder = "";
        int incomplete = 0;
        int stray = 0;
        for (String line : new String(bytes.get(), StandardCharsets.UTF_8).split("\n", -1)) {
            if (line.isBlank()) {
                current = null;
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != ':') {
                stray++;
                continue;
            }
            if (current == null) {
                current = new Entry();
                entries.add(current);
                folder = "";
            }
            String v = line.substring(2);
            switch (line.charAt(0)) {
                case 'P' -> current.name = v;
                case 'V' -> current.version = v;
                case 'A' -> current.arch = v;
                case 'L' -> current.license = v;
                case 'o' -> current.origin = v;
                case 'D' -> current.depends.addAll(tokens(v));
                case 'p' -> current.provides.addAll(tokens(v));
                case 'F' -> folder = v;
                case 'R' -> current.files.add("/" + (folder.isEmpty() ? "" : folder + "/") + v);
                default -> {
                    // checksums, sizes, owners and the rest say nothing the inventory keeps
                }
            }
        }
        Map<String, Set<String>> providers = new HashMap<>();
        for (Entry e : entries) {
            if (e.name == null) continue;
            providers.computeIfAbsent(e.name, k -> new LinkedHashSet<>()).add(e.name);
            for (String p : e.provides) providers.computeIfAbsent(p, k -> new LinkedHashSet<>()).add(e.name);
        }
        List<DeclaredPackage> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e.name == null || e.name.isEmpty() || e.version == null || e.version.isEmpty()) {
                incomplete++;
                continue;
            }
            Set<String> depends = new LinkedHashSet<>();
            for (String d : e.depends) {
                for (String p : providers.getOrDefault(d, Set.of())) if (!p.equals(e.name)) depends.add(p);
            }
            List<String> licenses = e.license == null || e.license.isBlank() ? List.of() : List.of(e.license);
            out.add(new DeclaredPackage(Ecosystem.APK, e.name, e.version, Optional.ofNullable(e.arch),
                    Optional.ofNullable(e.origin), licenses, INSTALLED, e.files, List.copyOf(depends), List.of(),
                    Optional.empty(), false));
        }
        if (incomplete + stray > 0) {
            findings.add(Finding.warning("package-db-corrupt", INSTALLED + ": " + incomplete
                    + " entries without a name or version and " + stray + " lines that are not fields skipped")
                    .atPath(INSTALLED));
        }
        return out;
    }

    /** The names of a D: or p: line: "so:libc.musl-x86_64.so.1=1 musl>=1.2 !conflict" gives the first two names. */
    private static List<String> tokens(String line) {
        List<String> out = new ArrayList<>();
        for (String t : line.trim().split("\\s+")) {
            if (t.isEmpty() || t.startsWith("!")) continue;
            int cut = t.length();
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                if (c == '=' || c == '<' || c == '>' || c == '~') {
                    cut = i;
                    break;
                }
            }
            if (cut > 0) out.add(t.substring(0, cut));
        }
        return out;
    }
}
