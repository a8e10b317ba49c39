package io.strata.packages;

import io.strata.model.Finding;
import io.strata.model.ImagePath;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Python distributions wherever they sit (site-packages, dist-packages, venvs): {@code *.dist-info} (METADATA,
 * RECORD) and {@code *.egg-info} (PKG-INFO, installed-files.txt; or a single {@code *.egg-info} file as older
 * setuptools and Debian write it). The metadata is the core-metadata format: RFC 822 headers, then the body.
 */
public final class PythonReader implements DatabaseReader {

    static final String INVALID = "package-manifest-invalid";

    @Override
    public Ecosystem ecosystem() {
        return Ecosystem.PYTHON;
    }

    @Override
    public boolean captures(String absolutePath) {
        int slash = absolutePath.lastIndexOf('/');
        String parent = slash <= 0 ? "" : absolutePath.substring(0, slash);
        String name = absolutePath.substring(slash + 1);
        if (parent.endsWith(".dist-info")) return name.equals("METADATA") || name.equals("RECORD");
        if (parent.endsWith(".egg-info"))
            return name.equals("PKG-INFO") || name.equals("installed-files.txt") || name.equals("top_level.txt");
        return name.endsWith(".egg-info");
    }

    @Override
    public List<DeclaredPackage> read(PackageFiles files, List<Finding> findings) {
        // metadata file -> its file list (RECORD or installed-files.txt), by metadata folder
        Map<String, String> metadata = new TreeMap<>();
        for (String path : files.paths()) {
            int slash = path.lastIndexOf('/');
            String parent = path.substring(0, Math.max(slash, 0));
            String name = path.substring(slash + 1);
            if (parent.endsWith(".dist-info") && name.equals("METADATA")) metadata.put(parent, path);
            else if (parent.endsWith(".egg-info") && name.equals("PKG-INFO")) metadata.put(parent, path);
            else if (name.endsWith(".egg-info") && !parent.endsWith(".egg-info")) metadata.putIfAbsent(path, path);
        }
        List<DeclaredPackage> out = new ArrayList<>();
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            String dir = e.getKey();
            String metadataPath = e.getValue();
            Optional<byte[]> bytes = files.read(metadataPath);
            if (bytes.isEmpty()) continue; // an egg-info folder seen as a path of its own: not a file
            Map<String, List<String>> headers = headers(new String(bytes.get(), StandardCharsets.UTF_8));
            String name = first(headers, "name");
            String version = first(headers, "version");
            if (name == null || version == null || name.isBlank() || version.isBlank()) {
                findings.add(Finding.warning(INVALID, metadataPath + ": Python metadata without a Name and a Version")
                        .atPath(metadataPath));
                continue;
            }
            boolean folder = !dir.equals(metadataPath);
            List<String> owned = new ArrayList<>(folder ? ownedFiles(files, dir) : List.of(metadataPath));
            List<String> prefixes = new ArrayList<>();
            if (folder) prefixes.add(dir + "/"); // the metadata folder itself
            if (owned.size() <= (folder ? 0 : 1)) topLevel(files, dir, folder, owned, prefixes);
            out.add(new DeclaredPackage(Ecosystem.PYTHON, name.strip(), version.strip(), Optional.empty(),
                    Optional.empty(), licenses(headers), metadataPath, owned, requirements(headers), List.of(),
                    Optional.empty(), false, prefixes));
        }
        return out;
    }

    /**
     * An egg-info without a file list (as Debian ships them): the modules top_level.txt names, a folder
     * ({@code site/six/}) or a single module ({@code site/six.py}) beside the egg-info.
     */
    private static void topLevel(PackageFiles files, String dir, boolean folder, List<String> owned, List<String> prefixes) {
        if (!folder) return;
        Optional<byte[]> list = files.read(dir + "/top_level.txt");
        if (list.isEmpty()) return;
        String site = dir.substring(0, dir.lastIndexOf('/') + 1);
        for (String line : new String(list.get(), StandardCharsets.UTF_8).split("\n")) {
            String module = line.strip();
            if (module.isEmpty() || module.contains("..") || module.startsWith("/")) continue;
            prefixes.add(site + module + "/");
            owned.add(site + module + ".py");
        }
    }

    /** RECORD (CSV, paths relative to the folder holding the dist-info) or installed-files.txt (relative to the egg-info). */
    private static List<String> ownedFiles(PackageFiles files, String dir) {
        String site = dir.substring(0, dir.lastIndexOf('/') + 1);
        List<String> owned = new ArrayList<>();
        Optional<byte[]> record = files.read(dir + "/RECORD");
        if (record.isPresent()) {
            for (String line : new String(record.get(), StandardCharsets.UTF_8).split("\n")) {
                String path = csvFirstField(line.strip());
                if (!path.isEmpty()) resolve(site, path).ifPresent(owned::add);
            }
        } else {
            files.read(dir + "/installed-files.txt").ifPresent(list -> {
                for (String line : new String(list, StandardCharsets.UTF_8).split("\n")) {
                    String path = line.strip();
                    if (!path.isEmpty()) resolve(dir + "/", path).ifPresent(owned::add);
                }
            });
        }
        return owned;
    }

    private static Optional<String> resolve(String base, String path) {
        String joined = path.startsWith("/") ? path : base + path;
        return ImagePath.normalise(joined).map(ImagePath::absolute);
    }

    /** The first field of a RECORD line; paths with commas are quoted as the csv module writes them. */
    private static String csvFirstField(String line) {
        if (!line.startsWith("\"")) {
            int comma = line.indexOf(',');
            return comma < 0 ? line : line.substring(0, comma);
        }
        StringBuilder field = new StringBuilder();
        for (int i = 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    break;
                }
            } else {
                field.append(c);
            }
        }
        return field.toString();
    }

    /** The declared licences: License-Expression (PEP 639), else a short License field, else the classifiers. */
    static List<String> licenses(Map<String, List<String>> headers) {
        String expression = first(headers, "license-expression");
        if (expression != null && !expression.isBlank()) return List.of(expression.strip());
        List<String> out = new ArrayList<>();
        String license = first(headers, "license");
        // the field often holds the whole licence text: only a short one-line value names a licence
        if (license != null && !license.isBlank() && !license.contains("\n") && license.length() <= 100
                && !license.strip().equalsIgnoreCase("UNKNOWN")) {
            out.add(license.strip());
        }
        if (out.isEmpty()) {
            for (String classifier : headers.getOrDefault("classifier", List.of())) {
                if (!classifier.startsWith("License ::")) continue;
                String last = classifier.substring(classifier.lastIndexOf("::") + 2).strip();
                if (!last.isEmpty() && !last.equals("OSI Approved")) out.add(last);
            }
        }
        return out;
    }

    /** Requires-Dist names, markers and version specifiers dropped; requirements of an extra are left out. */
    private static List<String> requirements(Map<String, List<String>> headers) {
        List<String> names = new ArrayList<>();
        for (String req : headers.getOrDefault("requires-dist", List.of())) {
            if (req.contains("extra ==") || req.contains("extra==")) continue;
            int end = 0;
            while (end < req.length() && (Character.isLetterOrDigit(req.charAt(end)) || "-_.".indexOf(req.charAt(end)) >= 0)) end++;
            if (end > 0) names.add(req.substring(0, end));
        }
        return names;
    }

    private static String first(Map<String, List<String>> headers, String key) {
        List<String> values = headers.get(key);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** RFC 822 headers up to the first blank line; keys lower-cased, continuation lines joined with a newline. */
    static Map<String, List<String>> headers(String text) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        String key = null;
        int start = 0;
        int n = text.length();
        while (start < n) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? n : nl;
            String line = text.substring(start, end);
            if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);
            start = end + 1;
            if (line.isEmpty()) break;
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && key != null) {
                List<String> values = headers.get(key);
                values.set(values.size() - 1, values.get(values.size() - 1) + "\n" + line.strip());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                key = null;
                continue;
            }
            key = line.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT);
            headers.computeIfAbsent(key, k -> new ArrayList<>()).add(line.substring(colon + 1).strip());
        }
        return headers;
    }
}
