package io.strata.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.testing.Facts;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** multiarch/: a nested index of two platform images; --platform chooses, and without it history says how. */
class InspectMultiarchTest {
    private static final String ARCHIVE = "testdata/multiarch/multiarch.oci-archive.tar";
    private static final Facts FACTS = Facts.read(Facts.of(Path.of(ARCHIVE)));

    /** The platform manifests skopeo printed from the index, in order: "os/arch[/variant]" and digest. */
    private static List<String[]> platforms() {
        JsonNode index = FACTS.json(t -> t.startsWith("skopeo inspect --raw")).orElseThrow();
        List<String[]> out = new ArrayList<>();
        for (JsonNode m : index.path("manifests")) {
            JsonNode p = m.path("platform");
            String platform = p.path("os").asText() + "/" + p.path("architecture").asText()
                    + (p.has("variant") ? "/" + p.path("variant").asText() : "");
            out.add(new String[]{platform, m.path("digest").asText()});
        }
        return out;
    }

    /** The config digest the facts' manifest blob {@code manifestDigest} names. */
    private static String configOf(String manifestDigest) {
        return FACTS.json(t -> t.startsWith("blob " + manifestDigest)).orElseThrow()
                .path("config").path("digest").asText();
    }

    @Test
    void inspectListsBothPlatforms() {
        JsonNode images = CliRun.strata("inspect", "--format", "json", ARCHIVE).json().path("images");
        List<String[]> expected = platforms();
        assertEquals(2, expected.size());
        assertEquals(expected.size(), images.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i)[0], images.get(i).path("platform").asText());
            assertEquals(expected.get(i)[1], images.get(i).path("manifestDigest").asText());
            assertEquals(configOf(expected.get(i)[1]), images.get(i).path("configDigest").asText());
            assertEquals("1.0", images.get(i).path("refs").get(0).asText(), "the index's name reaches its images");
        }
        CliRun text = CliRun.strata("inspect", ARCHIVE);
        assertTrue(text.out().contains("Platform:  linux/amd64") && text.out().contains("Platform:  linux/arm64/v8"),
                text.out());
    }

    @Test
    void platformArm64AnalysesTheArm64Image() {
        String arm = platforms().stream().filter(p -> p[0].equals("linux/arm64/v8")).findFirst().orElseThrow()[1];
        JsonNode images = CliRun.strata("inspect", "--format", "json", "--platform", "linux/arm64/v8", ARCHIVE)
                .json().path("images");
        assertEquals(1, images.size());
        JsonNode image = images.get(0);
        assertEquals(arm, image.path("manifestDigest").asText());
        assertEquals(configOf(arm), image.path("configDigest").asText());
        JsonNode config = FACTS.sections(t -> t.equals("its config blob")).get(1).json().orElseThrow();
        assertEquals("arm64", config.path("architecture").asText(), "the facts' second config is arm64's");
        Facts.Layer layer = FACTS.layers().stream().filter(l -> l.owner().contains("linux/arm64/v8")).findFirst().orElseThrow();
        InspectExpectations.assertLayer(layer, image.path("layers").get(0), "arm64 layer 0");

        CliRun history = CliRun.strata("history", "--platform", "linux/arm64/v8", "--size", "tar", "--human=false",
                "--format", "json", ARCHIVE);
        assertEquals(0, history.code(), history.err());
        assertEquals(configOf(arm), history.json().path("id").asText());
        Facts.History podman = FACTS.podmanHistory().stream().filter(h -> h.ref().contains("arm64")).findFirst().orElseThrow();
        assertEquals(podman.rows().get(0).size(), history.json().path("history").get(0).path("size").asLong());
    }

    @Test
    void historyWithoutPlatformSaysWhichExistAndHowToChoose() {
        CliRun run = CliRun.strata("history", ARCHIVE);
        assertEquals(2, run.code());
        assertEquals("", run.out());
        assertEquals(1, run.err().lines().count(), run.err());
        for (String[] p : platforms()) assertTrue(run.err().contains("--platform " + p[0]), run.err());
        assertTrue(run.err().startsWith("strata: " + ARCHIVE + ": "), run.err());
        assertFalse(run.err().contains("Exception"));
    }

    @Test
    void aPlatformThatIsNotThereListsThoseThatAre() {
        CliRun run = CliRun.strata("history", "--platform", "linux/s390x", ARCHIVE);
        assertEquals(2, run.code());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("linux/s390x") && run.err().contains("linux/arm64/v8"), run.err());
        CliRun bad = CliRun.strata("history", "--platform", "arm64", ARCHIVE);
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("os/arch"), bad.err());
    }
}
