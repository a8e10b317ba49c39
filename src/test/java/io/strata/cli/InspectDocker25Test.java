package io.strata.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.testing.Facts;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docker25/: Docker 26 saves (an OCI layout plus manifest.json) read as their README says: one image per
 * manifest.json entry, named by its RepoTags, with the OCI manifest's digest and media types; the unreferenced
 * legacy JSON blobs are neither layers nor images.
 */
class InspectDocker25Test {

    private static Facts facts(String archive) {
        return Facts.read(Facts.of(Path.of(archive)));
    }

    private static JsonNode inspect(String archive) {
        CliRun run = CliRun.strata("inspect", "--format", "json", archive);
        assertEquals(0, run.code(), run.err());
        return run.json();
    }

    @ParameterizedTest
    @ValueSource(strings = {"testdata/docker25/built.docker25-save.tar", "testdata/docker25/pair.docker25-save.tar",
            "testdata/docker25/sample.docker25-save.tar"})
    void oneImagePerManifestJsonEntryWithTheOciManifestDigest(String archive) {
        Facts f = facts(archive);
        JsonNode manifestJson = f.json(t -> t.startsWith("manifest.json (read")).orElseThrow();
        JsonNode index = f.json(t -> t.startsWith("index.json (read")).orElseThrow();
        JsonNode json = inspect(archive);
        assertEquals("docker-archive+oci", json.path("archive").path("format").asText());
        JsonNode images = json.path("images");
        assertEquals(manifestJson.size(), images.size(), "one image per manifest.json entry, not per index entry");
        Set<String> indexDigests = new TreeSet<>(index.findValuesAsText("digest"));
        Set<String> listed = new TreeSet<>();
        for (int i = 0; i < images.size(); i++) {
            JsonNode image = images.get(i);
            JsonNode entry = manifestJson.get(i);
            List<String> tags = new ArrayList<>();
            entry.path("RepoTags").forEach(t -> tags.add(t.asText()));
            List<String> refs = new ArrayList<>();
            image.path("refs").forEach(r -> refs.add(r.asText()));
            assertEquals(tags, refs, "refs are manifest.json's RepoTags");
            assertEquals(entry.path("Layers").size(), image.path("layers").size(), "the legacy JSON blobs are not layers");
            assertEquals(entry.path("Config").asText(), "blobs/sha256/" + image.path("configDigest").asText().substring(7));
            for (JsonNode l : image.path("layers")) {
                assertEquals("application/vnd.oci.image.layer.v1.tar", l.path("mediaType").asText());
                assertEquals("none", l.path("compression").asText());
                assertEquals(l.path("digest"), l.path("diffId"), "uncompressed: blob digest = diff_id");
            }
            listed.add(image.path("manifestDigest").asText());
        }
        assertEquals(indexDigests, listed, "manifest digests are the index's");
    }

    @Test
    void builtHasTwoTagsOnOneImageAndElevenHistorySteps() {
        String archive = "testdata/docker25/built.docker25-save.tar";
        JsonNode image = inspect(archive).path("images").get(0);
        assertEquals(2, image.path("refs").size());
        for (String tag : List.of("ctest/built25:1.0", "ctest/built25:latest")) {
            CliRun run = CliRun.strata("history", "--format", "json", "--image", tag, archive);
            assertEquals(0, run.code(), run.err());
            JsonNode rows = run.json().path("history");
            assertEquals(11, rows.size());
            long empty = 0;
            for (JsonNode r : rows) if (r.path("emptyLayer").asBoolean()) empty++;
            assertEquals(5, empty);
        }
    }

    @Test
    void pairImagesAreChosenByTag() {
        String archive = "testdata/docker25/pair.docker25-save.tar";
        BadInputAssertions.assertOneLineFailure(CliRun.strata("history", archive), archive, "--image");
        for (Facts.History h : facts(archive).dockerHistory()) {
            CliRun run = CliRun.strata("history", "--format", "json", "--image", h.ref(), archive);
            assertEquals(0, run.code(), run.err());
            assertEquals(h.imageId(), run.json().path("id").asText(), h.ref());
        }
    }

    @Test
    void sampleIsTheSameImageAsTheDocker20Save() {
        JsonNode v25 = inspect("testdata/docker25/sample.docker25-save.tar").path("images").get(0);
        List<Facts.Layer> old = facts("testdata/sample/sample.docker-save.tar").layers();
        JsonNode oldRaw = facts("testdata/sample/sample.docker-save.tar")
                .json(t -> t.startsWith("skopeo inspect --raw")).orElseThrow();
        assertEquals(oldRaw.path("config").path("digest").asText(), v25.path("configDigest").asText());
        assertEquals(old.size(), v25.path("layers").size());
        for (int l = 0; l < old.size(); l++) {
            assertEquals(old.get(l).diffIdDigest(), v25.path("layers").get(l).path("diffId").asText());
        }
        assertTrue(v25.path("manifestDigest").asText().startsWith("sha256:"), "Docker 25+ saves have a real manifest");
    }
}
