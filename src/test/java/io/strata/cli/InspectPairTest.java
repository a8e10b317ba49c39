package io.strata.cli;

import io.strata.session.Workspace;
import com.fasterxml.jackson.databind.JsonNode;
import io.strata.analysis.ListedImage;
import io.strata.archive.ImageArchive;
import io.strata.archive.ImageEntry;
import io.strata.testing.Facts;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * pair/ (and its Docker 26 save): two images over three shared base layers. 9 layer references, 6 distinct layers;
 * shared, unique and real bytes follow from the facts' per-layer listings; each shared layer is scanned once.
 */
class InspectPairTest {

    @ParameterizedTest
    @ValueSource(strings = {"testdata/pair/pair.docker-save.tar", "testdata/pair/pair.podman-multi-docker-archive.tar",
            "testdata/docker25/pair.docker25-save.tar"})
    void sharedUniqueAndRealBytesFollowTheFacts(String archive) {
        List<Facts.Layer> layers = Facts.read(Facts.of(Path.of(archive))).layers();
        assertEquals(9, layers.size(), "9 layer references in the facts");
        Map<String, Set<Integer>> users = new HashMap<>();
        Map<String, Long> content = new HashMap<>();
        for (Facts.Layer l : layers) {
            users.computeIfAbsent(l.diffIdDigest(), k -> new HashSet<>()).add(l.imagePosition().orElseThrow());
            content.put(l.diffIdDigest(), l.dockerContentBytes());
        }
        assertEquals(6, users.size(), "6 distinct layers");
        assertEquals(3, layers.stream().filter(Facts.Layer::sameBlobAsAbove).count(), "3 stored once for both images");

        JsonNode json = CliRun.strata("inspect", "--format", "json", archive).json();
        JsonNode images = json.path("images");
        assertEquals(2, images.size());
        long real = content.values().stream().mapToLong(Long::longValue).sum();
        assertEquals(real, json.path("realBytes").asLong(), "realBytes: each distinct layer once");
        long logical = 0;
        for (JsonNode image : images) {
            int position = image.path("position").asInt();
            long shared = 0;
            long unique = 0;
            for (Facts.Layer l : layers) {
                if (l.imagePosition().orElseThrow() != position) continue;
                if (users.get(l.diffIdDigest()).size() > 1) shared += l.dockerContentBytes();
                else unique += l.dockerContentBytes();
            }
            assertTrue(shared > 0 && unique > 0);
            assertEquals(shared, image.path("sharedBytes").asLong(), archive + " image " + position + " sharedBytes");
            assertEquals(unique, image.path("uniqueBytes").asLong(), archive + " image " + position + " uniqueBytes");
            assertEquals(shared + unique, image.path("logicalBytes").asLong());
            for (JsonNode l : image.path("layers")) {
                assertEquals(users.get(l.path("diffId").asText()).size() > 1, l.path("shared").asBoolean());
            }
            logical += shared + unique;
        }
        assertEquals(logical, json.path("logicalBytes").asLong());
        assertTrue(logical > real);
    }

    @ParameterizedTest
    @ValueSource(strings = {"testdata/pair/pair.docker-save.tar", "testdata/pair/pair.podman-multi-docker-archive.tar",
            "testdata/docker25/pair.docker25-save.tar"})
    void eachSharedLayerIsScannedOnce(String archive) throws Exception {
        InputOptions options = CommandLine.populateCommand(new InputOptions(), "--threads", "2");
        try (Workspace ws = new Workspace(options.options())) {
            ImageArchive a = ws.open(archive);
            List<ImageEntry> images = ws.listAll(a);
            assertEquals(2, images.size());
            int references = 0;
            for (ImageEntry e : images) {
                ListedImage listed = ws.list(a, e);
                assertTrue(listed.layers().stream().allMatch(java.util.Optional::isPresent));
                references += e.layers().size();
            }
            assertEquals(9, references);
            assertEquals(6, ws.loader().loads(), "6 distinct layers scanned, not 9");
            ws.analyse(a, images.get(1)); // asking again costs no scan
            assertEquals(6, ws.loader().loads());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"testdata/pair/pair.docker-save.tar", "testdata/docker25/pair.docker25-save.tar"})
    void textMarksSharedLayers(String archive) {
        CliRun run = CliRun.strata("inspect", archive);
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("* layer shared with another image of the set"), run.out());
        assertEquals(6, run.out().lines().filter(l -> l.matches("^\\s+\\d+\\s+[0-9a-f]{12}\\*\\s.*")).count(),
                "3 shared layers in each of 2 images are starred:\n" + run.out());
        assertFalse(run.out().contains("1 layers"));
    }

    /** Two archives inspected together form one set: the base layer both versions share is counted and scanned once. */
    @org.junit.jupiter.api.Test
    void twoArchivesShareTheirCommonLayers() throws Exception {
        List<String> archives = List.of("testdata/versions/webapp-v1.docker-save.tar", "testdata/versions/webapp-v2.docker-save.tar");
        Map<String, Long> distinct = new HashMap<>();
        int references = 0;
        for (String a : archives) {
            for (Facts.Layer l : Facts.read(Facts.of(Path.of(a))).layers()) {
                distinct.put(l.diffIdDigest(), l.dockerContentBytes());
                references++;
            }
        }
        assertTrue(distinct.size() < references, "the versions share layers");
        JsonNode json = CliRun.strata("inspect", "--format", "json", archives.get(0), archives.get(1)).json();
        assertEquals(2, json.path("archives").size());
        for (int i = 0; i < 2; i++) assertEquals(archives.get(i), json.path("images").get(i).path("archive").asText());
        String text = CliRun.strata("inspect", archives.get(0), archives.get(1)).out();
        assertTrue(text.indexOf("Archive: " + archives.get(0)) < text.indexOf("Image [0]: ctest/webapp:1.0")
                && text.indexOf("Image [0]: ctest/webapp:1.0") < text.indexOf("Archive: " + archives.get(1))
                && text.indexOf("Archive: " + archives.get(1)) < text.indexOf("Image [0]: ctest/webapp:2.0"),
                "each archive heads its images:\n" + text);
        assertEquals(distinct.values().stream().mapToLong(Long::longValue).sum(), json.path("realBytes").asLong());
        try (Workspace ws = new Workspace(CommandLine.populateCommand(new InputOptions()).options())) {
            for (String a : archives) {
                ImageArchive archive = ws.open(a);
                for (ImageEntry e : ws.listAll(archive)) ws.list(archive, e);
            }
            assertEquals(distinct.size(), ws.loader().loads());
        }
    }
}
