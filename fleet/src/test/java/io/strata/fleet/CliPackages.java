package io.strata.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.cli.Main;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What `strata packages --format json --no-cache` says about a set, as rows comparable with the fleet's. */
final class CliPackages {
    final List<String> rows = new ArrayList<>();
    final Map<String, FleetReport.EcosystemCount> byEcosystem;

    CliPackages(List<String> archives) throws Exception {
        List<String> args = new ArrayList<>(List.of("packages", "--no-cache", "--format", "json"));
        args.addAll(archives);
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.run(args.toArray(new String[0]), new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, code, "strata packages failed: " + err);
        JsonNode doc = new ObjectMapper().readTree(out.toString());
        Map<String, Long> installs = new HashMap<>();
        Map<String, Set<String>> distinct = new HashMap<>();
        for (JsonNode image : doc.get("images")) {
            String id = image.get("archive").asText() + "#" + image.get("position").asInt();
            for (JsonNode p : image.get("packages")) {
                String eco = p.get("ecosystem").asText();
                rows.add(String.join(" | ", id, eco, p.get("name").asText(), p.get("version").asText(),
                        text(p.get("arch")), text(p.get("purl")), p.get("layer").get("index").asText(),
                        p.get("layer").get("diffId").asText(), p.get("lastChangedLayer").get("index").asText(),
                        p.get("files").asText(), p.get("bytes").asText()));
                installs.merge(eco, 1L, Long::sum);
                distinct.computeIfAbsent(eco, k -> new HashSet<>()).add(p.get("name").asText() + " "
                        + p.get("version").asText());
            }
        }
        Collections.sort(rows);
        Map<String, FleetReport.EcosystemCount> counts = new TreeMap<>();
        installs.forEach((e, n) -> counts.put(e, new FleetReport.EcosystemCount(n, distinct.get(e).size())));
        byEcosystem = counts;
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? "-" : n.asText();
    }

    static String row(ImageResult.PackageRow p) {
        return String.join(" | ", p.image(), p.ecosystem(), p.name(), p.version(), p.arch() == null ? "-" : p.arch(),
                p.purl() == null ? "-" : p.purl(), String.valueOf(p.layer()), p.layerDiffId(),
                String.valueOf(p.lastChangedLayer()), String.valueOf(p.files()), String.valueOf(p.bytes()));
    }
}
