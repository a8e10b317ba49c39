package io.strata.packages;

import io.strata.model.Finding;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Debian packages: dpkg's {@code /var/lib/dpkg/status} (installed entries only) with each package's files from
 * {@code info/NAME.list} (or {@code NAME:ARCH.list}); distroless' {@code status.d/NAME} paragraphs with their files
 * from {@code status.d/NAME.md5sums}; apt's {@code extended_states} for which were installed automatically; and the
 * declared licences from {@code /usr/share/doc/NAME/copyright}: every distinct {@code License:} line of the file
 * (in a machine-readable DEP-5 file, the header's and each Files paragraph's short names), in order.
 */
final class DpkgReader implements DatabaseReader {
    static final String STATUS = "/var/lib/dpkg/status";
    static final String STATUS_D = "/var/lib/dpkg/status.d/";
    static final String INFO = "/var/lib/dpkg/info/";
    static final String EXTENDED_STATES = "/var/lib/apt/extended_states";
    static final String DOC = "/usr/share/doc/";
    static final String COPYRIGHT = "/copyright";
    /** dpkg's states in which a package's files are on disk. */
    private static final Set<String> PRESENT = Set.of("installed", "unpacked", "half-configured",
            "triggers-awaited", "triggers-pending");
    /** The fields of a status paragraph this reader uses; the rest (Description above all) is never copied. */
    private static final Set<String> FIELDS = Set.of("Package", "Status", "Version", "Architecture", "Source",
            "Pre-Depends", "Depends", "Recommends");
    /**
     * The paths of each info/*.list file read so far, by the identity of its captured bytes: the inventory reads
     * the database again at every layer that changed it, and a list file is the same array until a layer
     * rewrites it.
     */
    private final Map<byte[], List<String>> lists = new IdentityHashMap<>();
    /** The licences of each copyright file read so far, by the identity of its captured bytes (as above). */
    private final Map<byte[], List<String>> licences = new IdentityHashMap<>();

    @Override
    public Ecosystem ecosystem() {
        return Ecosystem.DEB;
    }

    @Override
    public boolean captures(String p) {
        if (p.startsWith(DOC)) {
            return p.endsWith(COPYRIGHT) && p.length() > DOC.length() + COPYRIGHT.length()
                    && p.indexOf('/', DOC.length()) == p.length() - COPYRIGHT.length();
        }
        if (!p.startsWith("/var/")) return false;
        if (p.startsWith(INFO)) return p.endsWith(".list") && p.indexOf('/', INFO.length()) < 0;
        if (p.startsWith(STATUS_D)) return p.indexOf('/', STATUS_D.length()) < 0;
        return p.equals(STATUS) || p.equals(EXTENDED_STATES);
    }

    @Override
    public List<DeclaredPackage> read(PackageFiles files, List<Finding> findings) {
        Map<String, Boolean> auto = autoInstalled(files, findings);
        List<DeclaredPackage> out = new ArrayList<>();
        files.read(STATUS).ifPresent(bytes -> {
            for (Map<String, String> p : paragraphs(STATUS, bytes, FIELDS, findings)) {
                if (!present(p.get("Status"))) continue;
                String name = p.get("Package");
                String arch = p.get("Architecture");
                List<String> owned = listFile(files, name, arch);
                declared(p, STATUS, owned, licences(files, name), auto).ifPresent(out::add);
            }
        });
        for (String path : files.paths()) {
            if (!path.startsWith(STATUS_D) || path.endsWith(".md5sums")) continue;
            byte[] bytes = files.read(path).orElseThrow();
            for (Map<String, String> p : paragraphs(path, bytes, FIELDS, findings)) {
                // distroless writes no Status field: a paragraph there is an installed package
                if (p.containsKey("Status") && !present(p.get("Status"))) continue;
                List<String> owned = md5sums(files, path, p.get("Package"));
                declared(p, path, owned, licences(files, p.get("Package")), auto).ifPresent(out::add);
            }
        }
        return out;
    }

    private static Optional<DeclaredPackage> declared(Map<String, String> p, String location, List<String> owned,
                                                      List<String> licences, Map<String, Boolean> auto) {
        String name = p.get("Package");
        String version = p.get("Version");
        if (name == null || name.isEmpty() || version == null) return Optional.empty();
        Optional<String> arch = Optional.ofNullable(p.get("Architecture")).filter(a -> !a.isEmpty());
        Optional<String> source = Optional.ofNullable(p.get("Source")).map(s -> {
            int space = s.indexOf(' ');
            return space < 0 ? s : s.substring(0, space);
        }).filter(s -> !s.isEmpty());
        List<String> depends = new ArrayList<>(ControlFile.relationNames(p.get("Pre-Depends")));
        for (String d : ControlFile.relationNames(p.get("Depends"))) if (!depends.contains(d)) depends.add(d);
        Boolean isAuto = auto.get(name + ":" + arch.orElse(""));
        if (isAuto == null) isAuto = auto.get(name + ":");
        if (isAuto == null && !auto.isEmpty()) isAuto = false;
        return Optional.of(new DeclaredPackage(Ecosystem.DEB, name, version, arch, source, licences, location,
                owned, depends, ControlFile.relationNames(p.get("Recommends")), Optional.ofNullable(isAuto), false));
    }

    private static boolean present(String status) {
        if (status == null) return false;
        String[] words = status.trim().split("\\s+");
        return words.length == 3 && PRESENT.contains(words[2]);
    }

    private static List<Map<String, String>> paragraphs(String path, byte[] bytes, Set<String> fields,
                                                        List<Finding> findings) {
        if (ControlFile.looksBinary(bytes)) {
            findings.add(Finding.warning("package-db-corrupt", path + ": not a dpkg control file (binary content)")
                    .atPath(path));
            return List.of();
        }
        ControlFile.Parsed parsed = ControlFile.parse(bytes, fields);
        if (parsed.strayLines() > 0) {
            findings.add(Finding.warning("package-db-corrupt", path + ": " + parsed.strayLines()
                    + " lines that are not control fields skipped").atPath(path));
        }
        return parsed.paragraphs();
    }

    /** info/NAME:ARCH.list (a Multi-Arch: same package) or info/NAME.list; every line but "/." is a path. */
    private List<String> listFile(PackageFiles files, String name, String arch) {
        if (name == null) return List.of();
        Optional<byte[]> list = arch == null ? Optional.empty() : files.read(INFO + name + ":" + arch + ".list");
        if (list.isEmpty()) list = files.read(INFO + name + ".list");
        if (list.isEmpty()) return List.of();
        return lists.computeIfAbsent(list.get(), bytes -> {
            List<String> out = new ArrayList<>();
            for (String line : lines(bytes)) if (line.startsWith("/") && !line.equals("/.")) out.add(line);
            return List.copyOf(out);
        });
    }

    /** The distinct values of the {@code License:} lines of /usr/share/doc/NAME/copyright, in order; none without it. */
    private List<String> licences(PackageFiles files, String name) {
        if (name == null || name.isEmpty() || name.indexOf('/') >= 0) return List.of();
        Optional<byte[]> copyright = files.read(DOC + name + COPYRIGHT);
        if (copyright.isEmpty() || ControlFile.looksBinary(copyright.get())) return List.of();
        return licences.computeIfAbsent(copyright.get(), bytes -> {
            Set<String> out = new LinkedHashSet<>();
            for (String line : lines(bytes)) {
                if (!line.startsWith("License:")) continue;
                String value = line.substring("License:".length()).strip();
                if (!value.isEmpty()) out.add(value);
            }
            return List.copyOf(out);
        });
    }

    /** status.d/NAME.md5sums: "MD5  relative/path" per line. */
    private static List<String> md5sums(PackageFiles files, String statusFile, String name) {
        Optional<byte[]> sums = files.read(statusFile + ".md5sums");
        if (sums.isEmpty() && name != null) sums = files.read(STATUS_D + name + ".md5sums");
        List<String> out = new ArrayList<>();
        sums.ifPresent(bytes -> {
            for (String line : lines(bytes)) {
                int gap = line.indexOf("  ");
                if (gap < 0) continue;
                String path = line.substring(gap + 2).strip();
                if (!path.isEmpty()) out.add(path.startsWith("/") ? path : "/" + path);
            }
        });
        return out;
    }

    private static Map<String, Boolean> autoInstalled(PackageFiles files, List<Finding> findings) {
        Map<String, Boolean> out = new HashMap<>();
        files.read(EXTENDED_STATES).ifPresent(bytes -> {
            for (Map<String, String> p : paragraphs(EXTENDED_STATES, bytes, null, findings)) {
                String name = p.get("Package");
                if (name == null) continue;
                out.put(name + ":" + p.getOrDefault("Architecture", ""), "1".equals(p.get("Auto-Installed")));
            }
        });
        return out;
    }

    private static List<String> lines(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8).lines().toList();
    }
}
