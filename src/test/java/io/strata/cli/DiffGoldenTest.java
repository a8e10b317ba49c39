package io.strata.cli;

import io.strata.session.DiffSession;
import io.strata.session.Workspace;
import io.strata.session.ExitCodes;
import com.fasterxml.jackson.databind.JsonNode;
import io.strata.diff.DiffOptions;
import io.strata.diff.ImageDiff;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static io.strata.cli.CliRun.strata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `strata diff` on the real archives, checked against the facts files and testdata/README.md. */
class DiffGoldenTest {
    private static final String V1 = "versions/webapp-v1.docker-save.tar";
    private static final String V2 = "versions/webapp-v2.docker-save.tar";
    private static final String DOCKER = "sample/sample.docker-save.tar";

    private static String path(String relative) {
        return DiffFacts.DATA.resolve(relative).toString();
    }

    private static Map<String, String> fileChanges(JsonNode doc) {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode f : doc.path("files")) out.put(f.path("path").asText(), f.path("change").asText());
        return out;
    }

    private static List<String> configLines(JsonNode doc) {
        List<String> out = new ArrayList<>();
        for (JsonNode c : doc.path("config")) {
            out.add(c.path("field").asText() + (c.path("key").isNull() ? "" : " " + c.path("key").asText()) + " "
                    + (c.path("before").isNull() ? "-" : c.path("before").asText()) + " -> "
                    + (c.path("after").isNull() ? "-" : c.path("after").asText()));
        }
        return out;
    }

    private static List<String> diffIds(JsonNode layers) {
        List<String> out = new ArrayList<>();
        for (JsonNode l : layers) out.add(l.path("diffId").asText());
        return out;
    }

    /** The created_by of the layer-making history steps, from the config the facts print. */
    private static List<String> layerSteps(JsonNode config) {
        List<String> out = new ArrayList<>();
        for (JsonNode h : config.path("history")) {
            if (!h.path("empty_layer").asBoolean(false)) {
                out.add(h.has("created_by") ? h.path("created_by").asText() : h.path("comment").asText());
            }
        }
        return out;
    }

    @Test
    void webappV1ToV2ShowsExactlyTheReadmeListAndTheBaseAsCommon() throws Exception {
        CliRun run = strata("diff", path(V1), path(V2), "--format", "json");
        assertEquals(ExitCodes.FOUND, run.code(), run.err());
        JsonNode doc = run.json();
        assertFalse(doc.path("identical").asBoolean());

        // testdata/README.md, "versions/": the v1 -> v2 differences
        Map<String, String> readme = new TreeMap<>(Map.of(
                "/var/lib/dpkg/status", "modified",
                "/usr/share/webapp/lib/libexample-1.4.2.jar", "removed",
                "/usr/share/webapp/lib/libexample-1.4.3.jar", "added",
                "/usr/share/webapp/www/index.html", "modified",
                "/etc/webapp/webapp.conf", "modified",
                "/usr/share/webapp/legacy.txt", "removed",
                "/usr/share/webapp/feature.txt", "added"));
        Map<String, String> umoci = DiffFacts.expectedChanges(DiffFacts.merged(V1 + ".merged.img0.txt"),
                DiffFacts.merged(V2 + ".merged.img0.txt"));
        assertEquals(readme, umoci, "the README and the merged facts agree");
        assertEquals(readme, fileChanges(doc));

        // each side's owner layer and history step, from the facts' layer listings and configs
        List<DiffFacts.FactLayer> layersA = DiffFacts.layers(V1 + ".facts.txt", 0);
        List<DiffFacts.FactLayer> layersB = DiffFacts.layers(V2 + ".facts.txt", 0);
        List<String> stepsA = layerSteps(DiffFacts.config(V1 + ".facts.txt", 0));
        List<String> stepsB = layerSteps(DiffFacts.config(V2 + ".facts.txt", 0));
        for (JsonNode f : doc.path("files")) {
            String p = f.path("path").asText();
            if (!f.path("before").isNull()) {
                int owner = DiffFacts.owner(layersA, p);
                assertEquals(owner, f.path("before").path("layer").asInt(), p);
                assertEquals(stepsA.get(owner), f.path("before").path("createdBy").asText(), p);
            }
            if (!f.path("after").isNull()) {
                int owner = DiffFacts.owner(layersB, p);
                assertEquals(owner, f.path("after").path("layer").asInt(), p);
                assertEquals(stepsB.get(owner), f.path("after").path("createdBy").asText(), p);
            }
        }
        for (JsonNode f : doc.path("files")) {
            if (f.path("path").asText().endsWith("index.html")) {
                assertEquals(22, f.path("before").path("size").asLong(), "sizes from the layer listing");
                assertEquals(34, f.path("after").path("size").asLong());
                assertEquals(12, f.path("sizeDelta").asLong());
            }
        }

        List<String> config = DiffFacts.envAndLabelChanges(DiffFacts.config(V1 + ".facts.txt", 0),
                DiffFacts.config(V2 + ".facts.txt", 0));
        assertEquals(List.of("Env WEBAPP_MODE classic -> modern", "Env WEBAPP_VERSION 1.0.0 -> 2.0.0",
                "Labels org.opencontainers.image.version 1.0.0 -> 2.0.0"), config, "README: ENV x2 and the version label");
        assertEquals(config, configLines(doc), "no other config field differs");

        JsonNode layers = doc.path("layers");
        assertEquals(layersA.get(0).diffId(), layersB.get(0).diffId());
        assertEquals(List.of(layersA.get(0).diffId()), diffIds(layers.path("common")), "busybox base is common");
        assertEquals(layersA.subList(1, 6).stream().map(DiffFacts.FactLayer::diffId).toList(), diffIds(layers.path("onlyInA")));
        assertEquals(layersB.subList(1, 6).stream().map(DiffFacts.FactLayer::diffId).toList(), diffIds(layers.path("onlyInB")));
    }

    @Test
    void aBaseLayerSharedByBothSidesIsScannedOnce() throws Exception {
        Set<String> distinct = new HashSet<>();
        int references = 0;
        for (String facts : List.of(V1 + ".facts.txt", V2 + ".facts.txt")) {
            for (DiffFacts.FactLayer l : DiffFacts.layers(facts, 0)) {
                distinct.add(l.diffId());
                references++;
            }
        }
        assertEquals(12, references);
        InputOptions input = CommandLine.populateCommand(new InputOptions());
        try (Workspace ws = new Workspace(input.options())) {
            ImageDiff d = DiffSession.run(ws, new DiffSession.Choice(path(V1), Optional.empty(), Optional.empty()),
                    new DiffSession.Choice(path(V2), Optional.empty(), Optional.empty()), DiffOptions.DEFAULT);
            assertEquals(1, d.layers().orElseThrow().common().size());
            assertEquals(distinct.size(), ws.loader().loads(), "11 distinct layers, the base read once");
        }
    }

    @Test
    void theSameImageInTwoFlavoursIsIdenticalWithANoteOnTheConfigDigest() throws Exception {
        String skopeo = "sample/sample.skopeo-oci-archive.tar";
        assertEquals(Map.of(), DiffFacts.expectedChanges(DiffFacts.merged(DOCKER + ".merged.img0.txt"),
                DiffFacts.merged(skopeo + ".merged.ctest_sample_1.0.txt")));
        CliRun run = strata("diff", path(DOCKER), path(skopeo), "--format", "json");
        assertEquals(ExitCodes.OK, run.code(), run.out() + run.err());
        JsonNode doc = run.json();
        assertTrue(doc.path("identical").asBoolean());
        assertEquals(0, doc.path("config").size());
        assertEquals(0, doc.path("files").size());
        assertNotEquals(doc.path("a").path("configDigest"), doc.path("b").path("configDigest"));
        assertTrue(doc.path("notes").get(0).asText().startsWith("config digests differ"), doc.path("notes").toString());
        assertEquals(9, doc.path("layers").path("common").size());

        CliRun text = strata("diff", path(DOCKER), path(skopeo));
        assertEquals(ExitCodes.OK, text.code());
        assertTrue(text.out().startsWith("identical"), text.out());
        assertTrue(text.out().contains("note: config digests differ"), text.out());
    }

    @Test
    void anotherEngineBuildShowsOnlyWhatReallyDiffers() throws Exception {
        String podman = "sample/sample.podman-built.oci-archive.tar";
        CliRun run = strata("diff", path(DOCKER), path(podman), "--format", "json");
        assertEquals(ExitCodes.FOUND, run.code(), run.err());
        JsonNode doc = run.json();
        Map<String, String> expected = DiffFacts.expectedChanges(DiffFacts.merged(DOCKER + ".merged.img0.txt"),
                DiffFacts.merged(podman + ".merged.localhost_ctest_sample-podman_1.0.txt"));
        assertEquals(Map.of("/dev", "added", "/etc/hostname", "added", "/etc/hosts", "added",
                "/etc/resolv.conf", "added", "/proc", "added", "/run", "added", "/sys", "added"), expected);
        assertEquals(expected, fileChanges(doc), "timestamps ignored: the files compare by content and metadata");
        assertEquals(DiffFacts.envAndLabelChanges(DiffFacts.config(DOCKER + ".facts.txt", 0),
                DiffFacts.config(podman + ".facts.txt", 0)), configLines(doc));
        assertEquals(List.of("Labels io.buildah.version - -> 1.28.2"), configLines(doc));
        assertEquals(1, doc.path("layers").path("common").size(), "only the imported busybox layer is the same");

        JsonNode timed = strata("diff", path(DOCKER), path(podman), "--format", "json", "--only", "files",
                "--timestamps").json();
        assertTrue(timed.path("files").size() > expected.size(), "with --timestamps the rebuilt files differ in mtime");
        boolean mtime = false;
        for (JsonNode f : timed.path("files")) mtime |= f.path("fields").toString().contains("mtime");
        assertTrue(mtime);
    }

    @Test
    void oneArchiveTwiceByRefOrByImageOptions() throws Exception {
        String pair = "pair/pair.docker-save.tar";
        Map<String, String> expected = DiffFacts.expectedChanges(DiffFacts.merged(pair + ".merged.img0.txt"),
                DiffFacts.merged(pair + ".merged.img1.txt"));
        CliRun byRef = strata("diff", path(pair) + "#ctest/app-a:1.0", path(pair) + "#1", "--format", "json");
        assertEquals(ExitCodes.FOUND, byRef.code(), byRef.err());
        assertEquals(expected, fileChanges(byRef.json()));
        assertEquals("ctest/app-b:1.0", byRef.json().path("b").path("image").asText());
        assertEquals(3, byRef.json().path("layers").path("common").size(), "pair-base's three layers");

        CliRun byOptions = strata("diff", path(pair), "--image-a", "ctest/app-a:1.0", "--image-b", "ctest/app-b:1.0",
                "--format", "json");
        assertEquals(byRef.out(), byOptions.out());

        String multi = "multiarch/multiarch.oci-archive.tar";
        CliRun platforms = strata("diff", path(multi), "--platform-a", "linux/amd64", "--platform-b",
                "linux/arm64/v8", "--format", "json");
        assertEquals(ExitCodes.FOUND, platforms.code(), platforms.err());
        assertEquals(DiffFacts.expectedChanges(DiffFacts.merged(multi + ".merged.linux_amd64.txt"),
                DiffFacts.merged(multi + ".merged.linux_arm64_v8.txt")), fileChanges(platforms.json()));
        // the configs' own platform: the arm64 config has architecture arm64 and no variant (the index has v8)
        assertTrue(configLines(platforms.json()).contains("platform linux/amd64 -> linux/arm64"),
                configLines(platforms.json()).toString());
    }
}
