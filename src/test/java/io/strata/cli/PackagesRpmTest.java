package io.strata.cli;

import io.strata.session.ExitCodes;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

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
 * `strata packages` on an image whose sqlite rpm database the real rpm wrote across layers (an upgrade and an
 * erase in the last); every expected value is rpm -qa's output on the unpacked layers.
 */
class PackagesRpmTest {
    static final String ARCHIVE = "testdata/packages/rpm-layers.oci-archive.tar";
    private static final PackageFacts FACTS = PackageFacts.read(ARCHIVE + ".packages.txt");

    private static Map<String, String> layer(int n) {
        Map<String, String> out = new TreeMap<>();
        for (String line : FACTS.section("layer " + n + ": rpm")) {
            String[] f = line.split(" \\| ")[0].split(" ");
            out.put(f[0], f[1] + " " + f[2] + " | " + line.split(" \\| ")[1]);
        }
        return out;
    }

    @Test
    void packagesLayersFilesAndRelationsAreRpms() {
        CliRun r = strata("packages", ARCHIVE, "--format", "json", "--files", "--ecosystem", "rpm");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertEquals(0, r.json().path("findings").size(), r.out());
        Map<String, JsonNode> found = new TreeMap<>();
        for (JsonNode p : r.json().path("packages")) found.put(p.path("name").asText(), p);
        int layers = 0;
        while (FACTS.has("layer " + layers + ": rpm")) layers++;
        Map<String, String> actual = new TreeMap<>();
        found.forEach((n, p) -> actual.put(n, p.path("version").asText() + " " + p.path("arch").asText() + " | "
                + String.join(" ", strings(p.path("licenses")))));
        assertEquals(layer(layers - 1), actual);
        Map<String, Integer> first = new HashMap<>();
        Map<String, Integer> changed = new HashMap<>();
        Map<String, String> before = Map.of();
        for (int l = 0; l < layers; l++) {
            Map<String, String> now = layer(l);
            for (String name : now.keySet()) {
                if (!before.containsKey(name)) first.put(name, l);
                if (!now.get(name).equals(before.get(name))) changed.put(name, l);
            }
            before = now;
        }
        Map<String, Set<String>> files = new TreeMap<>();
        Map<String, Long> bytes = new TreeMap<>();
        for (String line : FACTS.section("top: rpm -qa --qf '[%{NAME} %{FILENAMES}")) {
            String[] f = line.split(" ");
            files.computeIfAbsent(f[0], k -> new TreeSet<>()).add(f[1]);
            bytes.merge(f[0], Long.parseLong(f[2]), Long::sum);
        }
        Map<String, Set<String>> requiredBy = new TreeMap<>();
        for (String line : FACTS.section("top: rpm -qa --qf '%{NAME} %{SOURCERPM}")) {
            String[] f = line.split(" ");
            assertTrue(f[1].startsWith(found.get(f[0]).path("source").asText() + "-"), line);
            for (String req : f[2].split(",")) if (found.containsKey(req)) requiredBy.computeIfAbsent(req, k -> new TreeSet<>()).add(f[0]);
        }
        for (Map.Entry<String, JsonNode> e : found.entrySet()) {
            JsonNode p = e.getValue();
            assertEquals(first.get(e.getKey()), p.path("layer").path("index").asInt(), e.getKey());
            assertEquals(changed.get(e.getKey()), p.path("lastChangedLayer").path("index").asInt(), e.getKey());
            assertEquals(files.get(e.getKey()), new TreeSet<>(strings(p.path("paths"))), e.getKey());
            assertEquals(bytes.get(e.getKey()), p.path("bytes").asLong(), e.getKey());
            assertEquals(requiredBy.getOrDefault(e.getKey(), Set.of()), new TreeSet<>(strings(p.path("requiredBy"))));
            assertEquals("/var/lib/rpm/rpmdb.sqlite", p.path("location").asText());
            assertTrue(p.path("purl").asText().startsWith("pkg:rpm/fedora/" + e.getKey() + "@"), p.toString());
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
