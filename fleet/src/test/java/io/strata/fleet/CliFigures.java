package io.strata.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.cli.Main;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * What the single-machine CLI says about a set: `strata inspect` and `strata waste` run in this JVM with
 * --format json --no-cache, read back. The fleet computes the same figures by another path (its own listing,
 * Spark tasks, the codec round trip, the join); equality of the two is what the fleet tests check.
 */
final class CliFigures {
    final JsonNode inspect;
    final JsonNode waste;
    final Map<String, JsonNode> inspectImages = new LinkedHashMap<>();
    final Map<String, JsonNode> wasteImages = new LinkedHashMap<>();

    CliFigures(List<String> archives) throws Exception {
        inspect = run("inspect", archives);
        waste = run("waste", archives);
        for (JsonNode i : inspect.get("images")) {
            if (i.get("kind").asText().equals("image")) inspectImages.put(key(i), i);
        }
        for (JsonNode i : waste.get("images")) wasteImages.put(key(i), i);
    }

    private static String key(JsonNode image) {
        return image.get("archive").asText() + "#" + image.get("position").asInt();
    }

    private static JsonNode run(String command, List<String> archives) throws Exception {
        List<String> args = new ArrayList<>(List.of(command, "--no-cache", "--format", "json"));
        args.addAll(archives);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args.toArray(new String[0]), new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, code, "strata " + command + " failed: " + err);
        return new ObjectMapper().readTree(out.toString());
    }

    /** Every image and the set totals of the fleet's report equal the CLI's. */
    void assertSameFigures(FleetReport fleet) {
        assertEquals(inspectImages.keySet(), keys(fleet), "the same images");
        for (FleetReport.ImageFigures f : fleet.images()) {
            String k = f.archive() + "#" + f.position();
            JsonNode i = inspectImages.get(k);
            JsonNode w = wasteImages.get(k);
            assertNotNull(w, k);
            assertEquals(i.get("logicalBytes").asLong(), f.logicalBytes(), k + " logicalBytes");
            assertEquals(i.get("sharedBytes").asLong(), f.sharedBytes(), k + " sharedBytes");
            assertEquals(i.get("uniqueBytes").asLong(), f.uniqueBytes(), k + " uniqueBytes");
            assertEquals(i.get("layerCount").asInt(), f.layers(), k + " layers");
            assertEquals(i.get("configDigest").asText(), f.configDigest(), k + " configDigest");
            // waste measures every layer the classic way (logical = squashed + wasted + kept), inspect BuildKit's as
            // BuildKit does: the fleet's logicalBytes is inspect's, its waste figures add up to waste's
            assertEquals(w.get("logicalBytes").asLong(), f.squashedBytes() + f.wastedBytes() + f.hardlinkKeptBytes(),
                    k + " waste logicalBytes");
            assertEquals(w.get("squashedBytes").asLong(), f.squashedBytes(), k + " squashedBytes");
            assertEquals(w.get("wastedBytes").asLong(), f.wastedBytes(), k + " wastedBytes");
            assertEquals(w.get("duplicateBytes").asLong(), f.duplicateBytes(), k + " duplicateBytes");
            assertEquals(w.get("hardlinkKeptBytes").asLong(), f.hardlinkKeptBytes(), k + " hardlinkKeptBytes");
            assertEquals(w.get("efficiency").asDouble(), f.efficiency(), k + " efficiency");
            assertEquals(w.get("dive").get("wastedBytes").asLong(), f.diveWastedBytes(), k + " dive wastedBytes");
        }
        FleetReport.Totals t = fleet.totals();
        assertEquals(inspect.get("logicalBytes").asLong(), t.logicalBytes(), "fleet logicalBytes");
        assertEquals(inspect.get("realBytes").asLong(), t.realBytes(), "fleet realBytes");
        assertEquals(inspect.get("contentDedupBytes").asLong(), t.contentDedupBytes(), "fleet contentDedupBytes");
        JsonNode set = waste.get("set");
        assertEquals(set.get("images").asInt(), t.images(), "fleet images");
        assertEquals(set.get("archives").asInt(), t.archives() - t.archivesFailed(), "fleet archives");
        assertEquals(set.get("wastedBytes").asLong(), t.wastedBytes(), "fleet wastedBytes");
        // the set's logicalBytes in waste's JSON are inspect's (BuildKit layers as BuildKit measures them)
        assertEquals(set.get("logicalBytes").asLong(), t.logicalBytes(), "fleet logicalBytes (waste)");
    }

    private static java.util.Set<String> keys(FleetReport fleet) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (FleetReport.ImageFigures f : fleet.images()) out.add(f.archive() + "#" + f.position());
        return out;
    }
}
