package io.strata.cli;

import io.strata.session.ExitCodes;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static io.strata.cli.CliRun.strata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `strata packages` on an image whose dpkg database the real dpkg wrote across layers (an upgrade and a purge in
 * the last one); every expected value is dpkg-query's or apt-mark's output on the unpacked layers.
 */
class PackagesDpkgTest {
    static final String ARCHIVE = "testdata/packages/dpkg-layers.oci-archive.tar";
    private static final PackageFacts FACTS = PackageFacts.read(ARCHIVE + ".packages.txt");

    private static Map<String, JsonNode> packages(String... extra) {
        List<String> args = new ArrayList<>(List.of("packages", ARCHIVE, "--format", "json"));
        args.addAll(List.of(extra));
        CliRun r = strata(args.toArray(String[]::new));
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertEquals(0, r.json().path("findings").size(), r.out());
        Map<String, JsonNode> out = new TreeMap<>();
        for (JsonNode p : r.json().path("packages")) out.put(p.path("name").asText(), p);
        return out;
    }

    /** Layer n's "name version arch" set as dpkg-query lists it (installed entries). */
    private static Map<String, String> layer(int n) {
        Map<String, String> out = new TreeMap<>();
        for (String line : FACTS.section("layer " + n + ": dpkg-query")) {
            String[] f = line.trim().split(" ");
            if (f[3].equals("ii")) out.put(f[0], f[1] + " " + f[2]);
        }
        return out;
    }

    private static int layers() {
        int n = 0;
        while (FACTS.has("layer " + n + ": dpkg-query")) n++;
        return n;
    }

    @Test
    void licencesAreTheLicenseLinesOfEachPackagesCopyrightFile() {
        Map<String, List<String>> expected = new TreeMap<>();
        for (String line : FACTS.section("top: grep '^License:'")) {
            int bar = line.indexOf('|');
            String values = line.substring(bar + 1);
            expected.put(line.substring(0, bar), values.isEmpty() ? List.of() : List.of(values.split(",")));
        }
        assertTrue(expected.size() >= 5 && expected.values().stream().anyMatch(l -> l.size() > 5), expected.toString());
        Map<String, List<String>> actual = new TreeMap<>();
        packages().forEach((name, p) -> {
            List<String> l = new ArrayList<>();
            p.path("licenses").forEach(v -> l.add(v.asText()));
            if (expected.containsKey(name) || !l.isEmpty()) actual.put(name, l);
        });
        assertEquals(expected, actual);
    }

    @Test
    void thePackagesAreDpkgQuerysList() {
        Map<String, JsonNode> found = packages();
        Map<String, String> actual = new TreeMap<>();
        found.forEach((name, p) -> actual.put(name, p.path("version").asText() + " " + p.path("arch").asText()));
        assertEquals(layer(layers() - 1), actual);
        for (JsonNode p : found.values()) {
            assertEquals("deb", p.path("ecosystem").asText());
            assertEquals("/var/lib/dpkg/status", p.path("location").asText());
            assertTrue(p.path("purl").asText().startsWith("pkg:deb/debian/" + p.path("name").asText() + "@"), p.toString());
            assertTrue(p.path("purl").asText().contains("distro=debian-12"), p.toString());
        }
    }

    @Test
    void eachPackagesLayersAreWhereEachLayersOwnDatabaseChanged() {
        int n = layers();
        Map<String, Integer> first = new HashMap<>();
        Map<String, Integer> changed = new HashMap<>();
        Map<String, String> before = Map.of();
        for (int l = 0; l < n; l++) {
            Map<String, String> now = layer(l);
            for (Map.Entry<String, String> e : now.entrySet()) {
                if (!before.containsKey(e.getKey())) {
                    first.put(e.getKey(), l);
                    changed.put(e.getKey(), l);
                } else if (!before.get(e.getKey()).equals(e.getValue())) {
                    changed.put(e.getKey(), l);
                }
            }
            before = now;
        }
        Map<String, JsonNode> found = packages();
        for (Map.Entry<String, JsonNode> e : found.entrySet()) {
            assertEquals(first.get(e.getKey()), e.getValue().path("layer").path("index").asInt(), e.getKey());
            assertEquals(changed.get(e.getKey()), e.getValue().path("lastChangedLayer").path("index").asInt(), e.getKey());
            assertTrue(e.getValue().path("layer").path("createdBy").asText().startsWith("RUN dpkg"), e.getKey());
            assertTrue(e.getValue().path("layer").path("diffId").asText().startsWith("sha256:"), e.getKey());
        }
        assertTrue(found.values().stream().anyMatch(p -> p.path("layer").path("index").asInt()
                != p.path("lastChangedLayer").path("index").asInt()), "the facts hold an upgrade");
    }

    @Test
    void filesAndBytesAreDpkgQueryLsFilesAsTheyAreStored() {
        Map<String, Set<String>> files = new TreeMap<>();
        Map<String, Long> bytes = new TreeMap<>();
        Set<String> inodes = new TreeSet<>();
        for (String line : FACTS.section("top: dpkg-query -L")) {
            String[] f = line.split(" ");
            files.computeIfAbsent(f[0], k -> new TreeSet<>()).add(f[1]);
            // a hardlinked inode counts once, as in squashedBytes
            if (inodes.add(f[0] + " " + f[3])) bytes.merge(f[0], Long.parseLong(f[2]), Long::sum);
        }
        Map<String, JsonNode> found = packages("--files");
        for (Map.Entry<String, JsonNode> e : found.entrySet()) {
            Set<String> listed = new TreeSet<>();
            e.getValue().path("paths").forEach(p -> listed.add(p.asText()));
            assertEquals(files.getOrDefault(e.getKey(), Set.of()), listed, e.getKey());
            assertEquals(listed.size(), e.getValue().path("files").asInt(), e.getKey());
            assertEquals(bytes.getOrDefault(e.getKey(), 0L), e.getValue().path("bytes").asLong(), e.getKey());
        }
    }

    @Test
    void theUpgradedLibraryHidesItsOldBytes() {
        Map<String, JsonNode> found = packages();
        for (Map.Entry<String, JsonNode> e : found.entrySet()) {
            boolean upgraded = e.getValue().path("layer").path("index").asInt()
                    != e.getValue().path("lastChangedLayer").path("index").asInt();
            // dpkg rewrites every file of an upgraded package; nothing else was overwritten in this image
            assertEquals(upgraded, e.getValue().path("hiddenBytes").asLong() > 0, e.getKey());
        }
    }

    @Test
    void autoAndRelationsAreAptsAndDpkgs() {
        Set<String> auto = new TreeSet<>(FACTS.section("layer " + (layers() - 1) + ": apt-mark showauto"));
        Map<String, JsonNode> found = packages();
        Map<String, Set<String>> requiredBy = new TreeMap<>();
        Map<String, Set<String>> recommendedBy = new TreeMap<>();
        for (String line : FACTS.section("top: dpkg-query -W")) {
            String[] f = line.split("\\|", -1);
            for (String d : names(f[2] + "," + f[3])) {
                if (found.containsKey(d)) requiredBy.computeIfAbsent(d, k -> new TreeSet<>()).add(f[0]);
            }
            for (String d : names(f[4])) {
                if (found.containsKey(d)) recommendedBy.computeIfAbsent(d, k -> new TreeSet<>()).add(f[0]);
            }
            assertEquals(f[1], found.get(f[0]).path("source").asText(f[0]), f[0]);
        }
        for (Map.Entry<String, JsonNode> e : found.entrySet()) {
            assertEquals(auto.contains(e.getKey()), e.getValue().path("auto").asBoolean(), e.getKey());
            assertEquals(requiredBy.getOrDefault(e.getKey(), Set.of()), strings(e.getValue().path("requiredBy")), e.getKey());
            assertEquals(recommendedBy.getOrDefault(e.getKey(), Set.of()), strings(e.getValue().path("recommendedBy")),
                    e.getKey());
        }
        assertTrue(requiredBy.size() + recommendedBy.size() >= 2, "the facts hold both relations");
    }

    private static Set<String> names(String relation) {
        Set<String> out = new TreeSet<>();
        for (String clause : relation.split("[,|]")) {
            String name = clause.trim().split("[ :(]")[0];
            if (!name.isEmpty()) out.add(name);
        }
        return out;
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new TreeSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void textFilterAndBadUsage() {
        CliRun r = strata("packages", ARCHIVE, "--sort", "bytes");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().startsWith("ECOSYSTEM"), r.out());
        assertTrue(r.out().contains(layer(layers() - 1).size() + " packages (deb "), r.out());
        List<String> rows = r.out().lines().skip(1).takeWhile(l -> !l.isBlank()).toList();
        assertEquals("liblzma5", rows.get(1).split("\\s+")[1], "by bytes: " + r.out());
        CliRun none = strata("packages", ARCHIVE, "--ecosystem", "apk", "--format", "json");
        assertEquals(0, none.json().path("packages").size());
        assertEquals(ExitCodes.BAD_INPUT, strata("packages", ARCHIVE, "--ecosystem", "cargo").code());
        assertEquals(ExitCodes.BAD_INPUT, strata("packages", ARCHIVE, "--sort", "size").code());
        CliRun sample = strata("packages", CliRun.SAMPLE, "--format", "json");
        assertEquals(ExitCodes.OK, sample.code(), sample.err());
        assertEquals(0, sample.json().path("packages").size(), "busybox alone has no package database");
    }
}
