package io.strata.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.testing.Facts;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * `strata inspect --format json` on every archive under testdata/: each layer's blob digest, diffId, stored and tar
 * sizes and sniffed compression equal the facts' per-layer blocks, and an image's logicalBytes equals the Size
 * `docker image inspect` reported for it.
 */
class InspectGoldenTest {
    private static final Path DATA = Path.of("testdata");

    static List<Path> archives() {
        return Facts.archivesUnder(DATA);
    }

    @TestFactory
    Stream<DynamicTest> layersAndSizesMatchTheFacts() throws IOException {
        return archives().stream().map(p -> DynamicTest.dynamicTest(DATA.relativize(p).toString(), () -> check(p)));
    }

    private static final Map<Path, JsonNode> INSPECTED = new ConcurrentHashMap<>();

    /** One inspect run per archive and test class: scanning every archive twice would double the time. */
    static JsonNode inspect(Path archive) {
        return INSPECTED.computeIfAbsent(archive, p -> {
            CliRun run = CliRun.strata("inspect", "--format", "json", p.toString());
            assertEquals(0, run.code(), run.err());
            assertEquals("", run.err());
            return run.json();
        });
    }

    private static void check(Path archive) {
        Facts facts = Facts.read(Facts.of(archive));
        JsonNode json = inspect(archive);
        assertEquals(1, json.path("schemaVersion").asInt());
        assertEquals(archive.toString(), json.path("archive").path("path").asText());
        JsonNode images = json.path("images");
        Map<String, List<Facts.Layer>> groups = facts.layersByOwner();
        assertEquals(groups.size(), images.size(), archive + ": one image per layer group of the facts");
        int i = 0;
        for (var group : groups.entrySet()) {
            JsonNode image = images.get(i);
            assertEquals("image", image.path("kind").asText());
            group.getValue().get(0).imagePosition().ifPresent(p -> assertEquals(p, image.path("position").asInt()));
            List<Facts.Layer> expected = group.getValue();
            assertEquals(expected.size(), image.path("layers").size(), archive + " image " + i + " layer count");
            for (int l = 0; l < expected.size(); l++) {
                InspectExpectations.assertLayer(expected.get(l), image.path("layers").get(l),
                        archive + " image " + i + " layer " + l);
                assertEquals(l, image.path("layers").get(l).path("index").asInt());
            }
            i++;
        }
        long sum = 0;
        for (JsonNode image : images) sum += image.path("logicalBytes").asLong();
        assertEquals(sum, json.path("logicalBytes").asLong(), "set logicalBytes = sum over images");
        assertFalse(images.isEmpty());
    }

    /** Every docker-made archive has a `docker image inspect` Size for each of its images, and it is matched. */
    @TestFactory
    Stream<DynamicTest> logicalBytesEqualDockerSize() throws IOException {
        return archives().stream()
                .filter(p -> !Facts.read(Facts.of(p)).dockerImageInspect().isEmpty())
                .map(p -> DynamicTest.dynamicTest(DATA.relativize(p).toString(), () -> {
                    Facts facts = Facts.read(Facts.of(p));
                    JsonNode json = inspect(p);
                    int matched = 0;
                    for (JsonNode d : facts.dockerImageInspect()) {
                        String id = d.path("Id").asText();
                        if (!json.path("images").findValuesAsText("configDigest").contains(id)) continue; // pair's base
                        assertEquals(d.path("Size").asLong(),
                                InspectExpectations.imageByConfig(json, id).path("logicalBytes").asLong(), p + " " + id);
                        matched++;
                    }
                    assertEquals(json.path("images").size(), matched, p + ": every image has docker's Size");
                }));
    }
}
