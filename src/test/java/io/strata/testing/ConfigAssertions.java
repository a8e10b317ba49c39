package io.strata.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.model.Digest;
import io.strata.model.HistoryEntry;
import io.strata.model.ImageConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Compares Strata's {@link ImageConfig} with a config JSON from the facts (skopeo --config, or a blob read). */
public final class ConfigAssertions {
    private ConfigAssertions() {
    }

    /** The configs skopeo printed (`--config`) or the facts read from the blobs ("its config blob"), in image order. */
    public static List<JsonNode> configs(Facts facts) {
        List<JsonNode> out = new ArrayList<>();
        for (Facts.Section s : facts.sections(t -> t.startsWith("skopeo inspect --config") || t.equals("its config blob"))) {
            s.json().ifPresent(out::add);
        }
        return out;
    }

    /** Every config field Strata models equals the config JSON skopeo printed. */
    public static void assertConfig(ImageConfig c, JsonNode expected, String what) {
        assertEquals(expected.path("architecture").asText(), c.platform().architecture(), what + " architecture");
        assertEquals(expected.path("os").asText(), c.platform().os(), what + " os");
        assertEquals(text(expected, "variant"), c.platform().variant(), what + " variant");
        assertEquals(text(expected, "created"), c.created(), what + " created");
        assertEquals(text(expected, "author"), c.author(), what + " author");
        JsonNode cc = expected.path("config");
        assertEquals(strings(cc.path("Env")), c.env(), what + " Env");
        assertEquals(strings(cc.path("Cmd")), c.cmd(), what + " Cmd");
        assertEquals(strings(cc.path("Entrypoint")), c.entrypoint(), what + " Entrypoint");
        assertEquals(text(cc, "User").filter(s -> !s.isEmpty()), c.user(), what + " User");
        assertEquals(text(cc, "WorkingDir").filter(s -> !s.isEmpty()), c.workingDir(), what + " WorkingDir");
        assertEquals(text(cc, "StopSignal").filter(s -> !s.isEmpty()), c.stopSignal(), what + " StopSignal");
        assertEquals(keys(cc.path("ExposedPorts")), c.exposedPorts(), what + " ExposedPorts");
        assertEquals(keys(cc.path("Volumes")), c.volumes(), what + " Volumes");
        Map<String, String> labels = new TreeMap<>();
        cc.path("Labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        assertEquals(labels, c.labels(), what + " Labels");
        assertEquals(strings(expected.path("rootfs").path("diff_ids")),
                c.diffIds().stream().map(Digest::toString).toList(), what + " diff_ids");
        JsonNode history = expected.path("history");
        assertEquals(history.size(), c.history().size(), what + " history length");
        for (int i = 0; i < history.size(); i++) {
            JsonNode h = history.get(i);
            HistoryEntry e = c.history().get(i);
            assertEquals(text(h, "created"), e.created(), what + " history " + i + " created");
            assertEquals(text(h, "created_by"), e.createdBy(), what + " history " + i + " created_by");
            assertEquals(text(h, "comment"), e.comment(), what + " history " + i + " comment");
            assertEquals(text(h, "author"), e.author(), what + " history " + i + " author");
            assertEquals(h.path("empty_layer").asBoolean(false), e.emptyLayer(), what + " history " + i + " empty_layer");
        }
        assertFalse(c.diffIds().isEmpty(), what + " has layers");
    }

    private static Optional<String> text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static TreeSet<String> keys(JsonNode object) {
        TreeSet<String> out = new TreeSet<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
