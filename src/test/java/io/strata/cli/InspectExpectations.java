package io.strata.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.testing.Facts;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Compares `strata inspect --format json` layers with the per-layer blocks of a facts file. */
final class InspectExpectations {
    private InspectExpectations() {
    }

    /** Every figure the facts give for a layer equals the inspect JSON layer's. */
    static void assertLayer(Facts.Layer expected, JsonNode layer, String what) {
        assertEquals("scanned", layer.path("status").asText(), what + " status");
        assertEquals(expected.blobDigest(), layer.path("digest").asText(), what + " blob digest");
        assertEquals(expected.diffIdDigest(), layer.path("diffId").asText(), what + " diffId");
        assertEquals(expected.storedSize(), layer.path("compressedBytes").asLong(), what + " compressedBytes");
        assertEquals(expected.uncompressedSize(), layer.path("tarBytes").asLong(), what + " tarBytes");
        assertEquals(expected.strataCompression(), layer.path("compression").asText(), what + " compression");
    }

    /** The layer blob digests of an inspect JSON image, in order. */
    static List<String> blobDigests(JsonNode image) {
        List<String> out = new ArrayList<>();
        image.path("layers").forEach(l -> out.add(l.path("digest").asText()));
        return out;
    }

    /**
     * Each group of layer blocks in the facts (one per image the facts walked) is an image of the inspect output
     * with exactly those layers: used where the facts walk an index differently from Strata (nested indexes listing
     * the same manifest twice are one image to Strata).
     */
    static void assertEveryFactImageListed(Facts facts, JsonNode inspect) {
        for (var group : facts.layersByOwner().entrySet()) {
            List<String> digests = group.getValue().stream().map(Facts.Layer::blobDigest).toList();
            JsonNode match = null;
            for (JsonNode image : inspect.path("images")) {
                if (blobDigests(image).equals(digests)) match = image;
            }
            assertTrue(match != null, facts + ": no image with the layers of " + group.getKey() + " " + digests);
            for (int l = 0; l < digests.size(); l++) {
                assertLayer(group.getValue().get(l), match.path("layers").get(l), facts + " " + group.getKey() + " layer " + l);
            }
        }
    }

    /** The inspect JSON image whose config digest (docker's image ID) is {@code configDigest}. */
    static JsonNode imageByConfig(JsonNode inspect, String configDigest) {
        for (JsonNode image : inspect.path("images")) {
            if (image.path("configDigest").asText().equals(configDigest)) return image;
        }
        throw new AssertionError("no image with config " + configDigest + " in " + inspect.path("images"));
    }
}
