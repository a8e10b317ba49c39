package io.strata.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ground truth for the diff tests, read from the test data's facts: the merged filesystems umoci unpacked
 * (*.merged.*.txt), the per-layer tar listings and diff_ids, and the configs skopeo printed (*.facts.txt).
 */
final class DiffFacts {
    static final Path DATA = Path.of("testdata");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LAYER_HEADER =
            Pattern.compile("^### (?:image (\\d+)|.*?manifest\\[(\\d+)\\]).* layer (\\d+): .*");

    private DiffFacts() {
    }

    /** One line of a merged listing: path|type|mode|uid|gid|size|link-target|sha256|nlink. */
    record MergedFile(String path, String type, String mode, String uid, String gid, long size, String link, String sha) {
        boolean regular() {
            return type.startsWith("regular");
        }
    }

    /** One layer of the facts' per-layer listings: its diff_id and the paths of its entries, normalised. */
    record FactLayer(String diffId, List<String> paths) {
    }

    static Map<String, MergedFile> merged(String relative) throws IOException {
        Map<String, MergedFile> out = new TreeMap<>();
        for (String line : Files.readAllLines(DATA.resolve(relative), StandardCharsets.UTF_8)) {
            if (line.startsWith("#") || line.isBlank()) continue;
            String[] f = line.split("\\|", -1);
            out.put("/" + f[0], new MergedFile("/" + f[0], f[1], f[2], f[3], f[4], Long.parseLong(f[5]), f[6], f[7]));
        }
        return out;
    }

    /**
     * What a diff must find between two merged listings, path -> added|removed|modified|metadata: content differs
     * (sha256) is modified; type (regular vs other), mode, owner or link target only is metadata.
     */
    static Map<String, String> expectedChanges(Map<String, MergedFile> a, Map<String, MergedFile> b) {
        Map<String, String> out = new TreeMap<>();
        for (var e : a.entrySet()) {
            MergedFile y = b.get(e.getKey());
            MergedFile x = e.getValue();
            if (y == null) {
                out.put(e.getKey(), "removed");
            } else if (x.regular() && y.regular() && !x.sha().equals(y.sha())) {
                out.put(e.getKey(), "modified");
            } else if (x.regular() != y.regular() || (!x.regular() && !x.type().equals(y.type()))
                    || !x.mode().equals(y.mode()) || !x.uid().equals(y.uid()) || !x.gid().equals(y.gid())
                    || !x.link().equals(y.link())) {
                out.put(e.getKey(), "metadata");
            }
        }
        for (String p : b.keySet()) if (!a.containsKey(p)) out.put(p, "added");
        return out;
    }

    /** The layers of image {@code image} (manifest position) in a facts file, in order. */
    static List<FactLayer> layers(String relativeFacts, int image) throws IOException {
        List<FactLayer> out = new ArrayList<>();
        String diffId = null;
        List<String> paths = null;
        boolean mine = false;
        for (String line : Files.readAllLines(DATA.resolve(relativeFacts), StandardCharsets.UTF_8)) {
            Matcher m = LAYER_HEADER.matcher(line);
            if (m.matches()) {
                if (mine) out.add(new FactLayer(diffId, paths));
                String img = m.group(1) != null ? m.group(1) : m.group(2);
                mine = Integer.parseInt(img) == image;
                diffId = null;
                paths = new ArrayList<>();
            } else if (line.startsWith("## ") || line.startsWith("### ")) {
                if (mine) out.add(new FactLayer(diffId, paths));
                mine = false;
            } else if (mine && line.startsWith("uncompressed_sha256 (diff_id): ")) {
                diffId = "sha256:" + line.substring(line.indexOf(": ") + 2).trim();
            } else if (mine && line.startsWith("  ") && line.length() > 3 && "-dlhcbp".indexOf(line.charAt(2)) >= 0) {
                paths.add(listedPath(line.trim()));
            }
        }
        if (mine) out.add(new FactLayer(diffId, paths));
        return out;
    }

    /** "-rw-r--r-- 0/0 264 2026-11-22 21:11:55 var/lib/dpkg/status" -> "/var/lib/dpkg/status". */
    static String listedPath(String line) {
        String name = line.split("\\s+", 6)[5];
        int arrow = name.indexOf(" -> ");
        if (arrow >= 0) name = name.substring(0, arrow);
        int link = name.indexOf(" link to ");
        if (link >= 0) name = name.substring(0, link);
        if (name.startsWith("./")) name = name.substring(2);
        if (name.endsWith("/")) name = name.substring(0, name.length() - 1);
        return "/" + name;
    }

    /** The layer (position) that last lists {@code path}: the owner of the path in the merged view. */
    static int owner(List<FactLayer> layers, String path) {
        for (int l = layers.size() - 1; l >= 0; l--) {
            if (layers.get(l).paths().contains(path)) return l;
        }
        throw new AssertionError(path + " is in no layer listing");
    }

    /** The n-th config skopeo printed in a facts file (n = 0 for the first "## skopeo inspect --config"). */
    static JsonNode config(String relativeFacts, int n) throws IOException {
        List<String> lines = Files.readAllLines(DATA.resolve(relativeFacts), StandardCharsets.UTF_8);
        int seen = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("## skopeo inspect --config") && ++seen == n) {
                StringBuilder sb = new StringBuilder();
                for (int j = i + 1; j < lines.size() && !lines.get(j).startsWith("## "); j++) sb.append(lines.get(j)).append('\n');
                return JSON.readTree(sb.toString());
            }
        }
        throw new AssertionError("no config " + n + " in " + relativeFacts);
    }

    /** Env and Labels differences between two configs, as "Env KEY before -> after" lines (absent = "-"). */
    static List<String> envAndLabelChanges(JsonNode a, JsonNode b) {
        List<String> out = new ArrayList<>();
        diffMaps(out, "Env", env(a), env(b));
        diffMaps(out, "Labels", labels(a), labels(b));
        return out;
    }

    private static Map<String, String> env(JsonNode config) {
        Map<String, String> m = new TreeMap<>();
        for (JsonNode e : config.path("config").path("Env")) {
            String s = e.asText();
            m.put(s.substring(0, s.indexOf('=')), s.substring(s.indexOf('=') + 1));
        }
        return m;
    }

    private static Map<String, String> labels(JsonNode config) {
        Map<String, String> m = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = config.path("config").path("Labels").fields(); it.hasNext(); ) {
            var e = it.next();
            m.put(e.getKey(), e.getValue().asText());
        }
        return m;
    }

    private static void diffMaps(List<String> out, String field, Map<String, String> a, Map<String, String> b) {
        TreeMap<String, String> keys = new TreeMap<>(a);
        keys.putAll(b);
        for (String k : keys.keySet()) {
            String x = a.getOrDefault(k, "-");
            String y = b.getOrDefault(k, "-");
            if (!x.equals(y)) out.add(field + " " + k + " " + x + " -> " + y);
        }
    }
}
