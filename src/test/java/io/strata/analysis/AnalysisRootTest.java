package io.strata.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.archive.ImageArchive;
import io.strata.archive.ImageArchives;
import io.strata.archive.ImageEntry;
import io.strata.model.Platform;
import io.strata.session.AnalysedImage;
import io.strata.session.Workspace;
import io.strata.testing.Facts;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The analysis package's own functions, called directly: history rows (against `docker history`), the history
 * step of each layer (against the config's history as skopeo printed it), and the choice of an image (against the
 * index skopeo printed). Inputs are the archives in testdata/, expected values their facts files.
 */
class AnalysisRootTest {
    private static final Path SAMPLE = Path.of("testdata/sample/sample.docker-save.tar");
    private static final Path MULTIARCH = Path.of("testdata/multiarch/multiarch.oci-archive.tar");

    @Test
    void historyRowsAreDockersNewestFirstWithItsSizes() throws Exception {
        Facts.History docker = Facts.read(Facts.of(SAMPLE)).dockerHistory().get(0);
        try (Workspace ws = new Workspace(Workspace.Options.DEFAULT)) {
            AnalysedImage image = ws.analyseOne(SAMPLE.toString());
            List<HistoryRow> rows = DockerHistory.rows(new ListedImage(image.image(),
                    image.layers().stream().map(Optional::of).toList()));
            assertEquals(docker.rows().size(), rows.size());
            for (int i = 0; i < rows.size(); i++) {
                Facts.HistoryRow expected = docker.rows().get(i);
                HistoryRow actual = rows.get(i);
                assertEquals(expected.size(), (long) actual.contentBytes().orElseThrow(), "row " + i);
                // docker prints "#(nop) " steps with one space less; compare the words
                assertEquals(expected.createdBy().replaceAll("\\s+", " "),
                        actual.createdBy().orElse("").replaceAll("\\s+", " ").strip(), "row " + i);
            }
        }
    }

    @Test
    void eachLayerIsMadeByTheNthHistoryStepThatIsNotEmpty() throws Exception {
        JsonNode history = configHistory();
        List<String> expected = new ArrayList<>();
        for (JsonNode step : history) {
            // a step without created_by (an import) is named by its comment, as `docker history` shows it
            if (!step.path("empty_layer").asBoolean(false)) {
                expected.add(step.has("created_by") ? step.path("created_by").asText() : step.path("comment").asText());
            }
        }
        try (ImageArchive a = ImageArchives.open(SAMPLE.toString())) {
            ImageEntry image = a.images().get(0);
            List<Optional<String>> createdBy = LayerAttribution.createdBy(image.config(), image.layers().size());
            assertEquals(expected.size(), createdBy.size());
            for (int i = 0; i < expected.size(); i++) assertEquals(Optional.of(expected.get(i)), createdBy.get(i));
            // a history shorter than the layers leaves the rest without a step
            assertEquals(Optional.empty(), LayerAttribution.createdBy(image.config(), expected.size() + 1).get(expected.size()));
        }
    }

    @Test
    void anIndexOfTwoPlatformsAsksWhichAndThePlatformChooses() throws Exception {
        try (ImageArchive a = ImageArchives.open(MULTIARCH.toString())) {
            SelectionException e = assertThrows(SelectionException.class,
                    () -> ImageSelector.one("m.tar", a.images(), Optional.empty(), Optional.empty()));
            // the two platforms of the index skopeo printed
            assertTrue(e.getMessage().contains("--platform linux/amd64 or --platform linux/arm64/v8"), e.getMessage());
            ImageEntry arm = ImageSelector.one("m.tar", a.images(), Optional.empty(), Optional.of(Platform.parse("linux/arm64/v8")));
            assertEquals("sha256:a46928a2b223f3f41859a536b17d5580883dbaa25ccb731f7894a66bffcb6ed7",
                    arm.manifestDigest().orElseThrow().toString());
            assertEquals(2, ImageSelector.matching(a.images(), Optional.empty(), Optional.empty()).size());
            assertThrows(SelectionException.class, () -> ImageSelector.one("m.tar", a.images(), Optional.empty(),
                    Optional.of(Platform.parse("linux/s390x"))));
        }
    }

    @Test
    void aShortRefMatchesTheFullNameAsDockerReadsIt() {
        assertTrue(ImageSelector.refMatches("docker.io/library/alpine:3.20", "alpine:3.20"));
        assertTrue(ImageSelector.refMatches("docker.io/ctest/sample:1.0", "ctest/sample:1.0"));
        assertTrue(ImageSelector.refMatches("localhost/ctest/sample:latest", "ctest/sample"));
        assertFalse(ImageSelector.refMatches("docker.io/ctest/sample:1.0", "sample:1.1"));
        assertFalse(ImageSelector.refMatches("docker.io/ctest/notsample:1.0", "sample:1.0"));
    }

    /** The config's "history" as `skopeo inspect --config` printed it in the facts file. */
    private static JsonNode configHistory() throws Exception {
        Facts f = Facts.read(Facts.of(SAMPLE));
        for (Facts.Section s : f.sections()) {
            Optional<JsonNode> json = s.json();
            if (json.isPresent() && json.get().has("history") && json.get().has("rootfs")) return json.get().path("history");
        }
        throw new AssertionError("no config with a history in " + f.file());
    }
}
