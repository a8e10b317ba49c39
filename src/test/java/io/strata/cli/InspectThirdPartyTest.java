package io.strata.cli;

import io.strata.session.Workspace;
import com.fasterxml.jackson.databind.JsonNode;
import io.strata.archive.ImageArchive;
import io.strata.archive.ImageArchives;
import io.strata.testing.ConfigAssertions;
import io.strata.testing.Facts;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The third-party fixtures (dive, go-containerregistry) in ../shared/testdata/third-party read as their READMEs say:
 * valid ones list the layers the facts describe, broken and non-image ones fail with exit 2 and one clear line.
 * Skipped when that folder is absent (the files are not copied into the project).
 */
class InspectThirdPartyTest {
    static final Path ROOT = Path.of("../shared/testdata/third-party");
    private static final Path DIVE = ROOT.resolve("dive");
    private static final Path GGCR = ROOT.resolve("go-containerregistry");

    /** Files the READMEs call not an image, broken or incomplete: name -> what the one-line error must say. */
    private static final List<String[]> UNREADABLE = List.of(
            new String[]{"dive/test-gzip-image.tar", "not an image archive"},
            new String[]{"dive/test-zstd-image.tar", "not an image archive"},
            new String[]{"dive/test-estargz-image.tar", "not an image archive"},
            new String[]{"dive/test-uncompressed-image.tar", "not an image archive"},
            new String[]{"go-containerregistry/tarball/content.tar", "not an image archive"},
            new String[]{"go-containerregistry/tarball/no_manifest.tar", "pre-1.10 docker save"},
            new String[]{"go-containerregistry/tarball/null_manifest.tar", "null"},
            new String[]{"go-containerregistry/layout/test_gc_image_unknown_mediatype.oci-layout.tar", "not in the archive"});

    private static final String HELM_ARTIFACT = "go-containerregistry/layout/test_index_media_type.oci-layout.tar";

    @BeforeAll
    static void needsTheFixtures() {
        Assumptions.assumeTrue(Files.isDirectory(ROOT), ROOT + " is absent; skipping the third-party fixtures");
    }

    static List<Path> archives() throws IOException {
        try (Stream<Path> s = Files.walk(ROOT)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tar")).sorted().toList();
        }
    }

    private static boolean unreadable(Path p) {
        return UNREADABLE.stream().anyMatch(u -> p.endsWith(u[0]));
    }

    @TestFactory
    Stream<DynamicTest> readableOnesListTheLayersOfTheFacts() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path p : archives()) {
            if (unreadable(p) || p.endsWith(HELM_ARTIFACT)) continue; // the artifact has a test of its own
            tests.add(DynamicTest.dynamicTest(ROOT.relativize(p).toString(), () -> {
                CliRun run = CliRun.strata("inspect", "--format", "json", p.toString());
                assertEquals(0, run.code(), run.err());
                Facts facts = Facts.read(Facts.of(p));
                assertFalse(facts.layers().isEmpty(), "facts describe layers");
                InspectExpectations.assertEveryFactImageListed(facts, run.json());
                checkConfigs(p, facts);
            }));
        }
        assertEquals(29 - UNREADABLE.size() - 1, tests.size(), "every other fixture is readable");
        return tests.stream();
    }

    /** Where skopeo printed the configs (docker-archives), Strata's configs equal them. */
    private static void checkConfigs(Path p, Facts facts) throws Exception {
        List<JsonNode> configs = ConfigAssertions.configs(facts);
        if (configs.isEmpty()) return;
        try (ImageArchive a = ImageArchives.open(p.toString())) {
            assertEquals(configs.size(), a.images().size());
            for (int i = 0; i < configs.size(); i++) {
                ConfigAssertions.assertConfig(a.images().get(i).config(), configs.get(i), p + " image " + i);
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> brokenAndNonImageOnesFailWithOneLine() {
        return UNREADABLE.stream().flatMap(u -> Stream.of("inspect", "history").map(command ->
                DynamicTest.dynamicTest(command + " " + u[0], () -> {
                    String path = ROOT.resolve(u[0]).toString();
                    CliRun run = CliRun.strata(command, path);
                    BadInputAssertions.assertOneLineFailure(run, path, u[1]);
                })));
    }

    @ParameterizedTest
    @CsvSource({"test-oci-gzip-image.tar,gzip", "test-oci-uncompressed-image.tar,none",
            "test-oci-zstd-image.tar,zstd", "test-oci-estargz-image.tar,gzip"})
    void diveOciArchivesAreArm64WithOneReadme(String file, String compression) {
        JsonNode image = inspect(DIVE.resolve(file)).path("images").get(0);
        assertEquals("linux/arm64", image.path("platform").asText());
        assertEquals(0, image.path("refs").size(), "no ref.name in the index");
        JsonNode layer = image.path("layers").get(0);
        assertEquals(compression, layer.path("compression").asText());
        assertEquals(1, layer.path("entries").asInt(), "README.md only (stargz.index.json after the end marker is not an entry)");
        assertEquals(11189, layer.path("contentBytes").asLong(), "README.md is 11189 bytes");
    }

    @Test
    void diveDockerAndKanikoImagesHave14Layers() {
        JsonNode docker = inspect(DIVE.resolve("test-docker-image.tar")).path("images").get(0);
        assertEquals(List.of("dive-test:latest"), refs(docker));
        assertEquals(14, docker.path("layers").size());
        JsonNode kaniko = inspect(DIVE.resolve("test-kaniko-image.tar")).path("images").get(0);
        assertEquals(List.of("dive-test:kaniko-latest"), refs(kaniko));
        assertEquals(14, kaniko.path("layers").size());
        kaniko.path("layers").forEach(l -> assertEquals("gzip", l.path("compression").asText(), "gzip inside docker-archive"));
        CliRun history = CliRun.strata("history", "--format", "json", DIVE.resolve("test-docker-image.tar").toString());
        assertEquals(15, history.json().path("history").size(), "15 history entries");
    }

    @Test
    void dockerV25SaveByIdWithNullIndexReadsAsDockerArchive() {
        JsonNode json = inspect(GGCR.resolve("tarball/hello-world-v25.tar"));
        assertEquals("docker-archive+oci", json.path("archive").path("format").asText());
        JsonNode image = json.path("images").get(0);
        assertEquals(0, image.path("refs").size(), "RepoTags null");
        assertEquals("linux/arm64", image.path("platform").asText());
        assertEquals(1, image.path("layers").size());
        assertEquals("application/vnd.oci.image.layer.v1.tar", image.path("layers").get(0).path("mediaType").asText(),
                "media type from LayerSources");
    }

    @Test
    void bundleHoldsTwoImagesAndHistorySaysHowToChoose() {
        JsonNode images = inspect(GGCR.resolve("tarball/test_bundle.tar")).path("images");
        assertEquals(List.of("test_image_2"), refs(images.get(0)));
        assertEquals(List.of("test_image_1"), refs(images.get(1)));
        String path = GGCR.resolve("tarball/test_bundle.tar").toString();
        CliRun run = CliRun.strata("history", path);
        BadInputAssertions.assertOneLineFailure(run, path, "--image");
        assertTrue(run.err().contains("test_image_1") && run.err().contains("test_image_2"), run.err());
        assertEquals(0, CliRun.strata("history", "--image", "test_image_1", path).code());
    }

    @Test
    void symlinkedLayerIsTheSameBlobAndScannedOnce() throws Exception {
        String path = GGCR.resolve("tarball/test_link.tar").toString();
        JsonNode images = inspect(Path.of(path)).path("images");
        assertEquals(2, images.size());
        assertEquals(images.get(0).path("layers").get(0).path("digest"), images.get(1).path("layers").get(0).path("digest"));
        assertTrue(images.get(0).path("layers").get(0).path("shared").asBoolean());
        try (Workspace ws = new Workspace(CommandLine.populateCommand(new InputOptions()).options())) {
            ImageArchive a = ws.open(path);
            for (var e : ws.listAll(a)) ws.list(a, e);
            assertEquals(2, ws.loader().loads(), "3 layer references, 2 distinct layers");
        }
    }

    @Test
    void mutateFixtures() {
        JsonNode whiteout = inspect(GGCR.resolve("mutate/whiteout_image.tar")).path("images").get(0);
        JsonNode empty = whiteout.path("layers").get(2);
        assertEquals(0, empty.path("entries").asInt(), "L2 is an empty tar");
        assertEquals(10240, empty.path("tarBytes").asLong());
        JsonNode dir = inspect(GGCR.resolve("mutate/whiteout_dir.tar")).path("images").get(0);
        assertEquals(4, dir.path("layers").size());
        dir.path("layers").forEach(l -> assertEquals("gzip", l.path("compression").asText()));

        Path renamed = GGCR.resolve("mutate/source_image_with_empty_layer_history.tar");
        JsonNode json = inspect(renamed);
        String contentDigest = Facts.read(Facts.of(renamed)).sections().stream()
                .map(Facts.Section::title).filter(t -> t.contains("sha256 of content: "))
                .map(t -> "sha256:" + t.replaceAll(".*sha256 of content: ([0-9a-f]{64}).*", "$1")).findFirst().orElseThrow();
        assertEquals(contentDigest, json.path("images").get(0).path("configDigest").asText(), "the content's digest, not the name");
        assertTrue(json.path("findings").findValuesAsText("code").contains("config-name-mismatch"), json.toString());
        assertTrue(CliRun.strata("inspect", renamed.toString()).out().contains("config-name-mismatch"));
    }

    @Test
    void indexWithOddEntriesReadsAsTwoImagesUnderFourNames() {
        Path p = GGCR.resolve("layout/test_index.oci-layout.tar");
        JsonNode images = inspect(p).path("images");
        assertEquals(2, images.size(), "refs 1, 3 and 4 reach one manifest; ref 2 another");
        assertEquals(Set.of("1", "3", "4"), Set.copyOf(refs(images.get(0))));
        assertEquals(List.of("2"), refs(images.get(1)));
        for (String ref : List.of("1", "3", "4")) {
            CliRun run = CliRun.strata("history", "--format", "json", "--image", ref, p.toString());
            assertEquals(0, run.code(), run.err());
            assertEquals(images.get(0).path("configDigest").asText(), run.json().path("id").asText(), "--image " + ref);
        }
        CliRun two = CliRun.strata("history", "--format", "json", "--image", "2", p.toString());
        assertEquals(images.get(1).path("configDigest").asText(), two.json().path("id").asText());
        JsonNode gc = inspect(GGCR.resolve("layout/test_gc_index.oci-layout.tar")).path("images");
        assertEquals(1, gc.size());
        assertEquals(Set.of("1", "3", "4"), Set.copyOf(refs(gc.get(0))));
    }

    @Test
    void helmArtifactIsListedNotScannedAndHasNoHistory() {
        Path p = ROOT.resolve(HELM_ARTIFACT);
        CliRun run = CliRun.strata("inspect", "--format", "json", p.toString());
        assertEquals(0, run.code(), run.err());
        JsonNode image = run.json().path("images").get(0);
        JsonNode manifest = Facts.read(Facts.of(p)).json(t -> t.startsWith("skopeo inspect --raw")).orElseThrow();
        assertEquals("artifact", image.path("kind").asText());
        assertEquals(manifest.path("config").path("mediaType").asText(), image.path("configMediaType").asText());
        JsonNode layer = image.path("layers").get(0);
        JsonNode descriptor = manifest.path("layers").get(0);
        assertEquals("not-scanned", layer.path("status").asText());
        assertEquals(descriptor.path("mediaType").asText(), layer.path("mediaType").asText());
        assertEquals(descriptor.path("digest").asText(), layer.path("digest").asText());
        assertEquals(descriptor.path("size").asLong(), layer.path("compressedBytes").asLong());
        assertTrue(layer.path("tarBytes").isNull() && layer.path("contentBytes").isNull() && layer.path("entries").isNull());
        assertEquals(descriptor.path("size").asLong(), image.path("storedBytes").asLong());
        assertEquals(0, run.json().path("logicalBytes").asLong());

        CliRun text = CliRun.strata("inspect", p.toString());
        assertEquals(0, text.code());
        assertTrue(text.out().contains("(artifact, not a container image)") && text.out().contains("application/tar+gzip")
                && text.out().contains(manifest.path("config").path("mediaType").asText()), text.out());

        CliRun history = CliRun.strata("history", p.toString());
        BadInputAssertions.assertOneLineFailure(history, p.toString(), "not a container image");
        assertTrue(history.err().contains("application/vnd.cncf.helm.config.v1+json"), history.err());
    }

    private static JsonNode inspect(Path p) {
        CliRun run = CliRun.strata("inspect", "--format", "json", p.toString());
        assertEquals(0, run.code(), run.err());
        return run.json();
    }

    private static List<String> refs(JsonNode image) {
        List<String> out = new ArrayList<>();
        image.path("refs").forEach(r -> out.add(r.asText()));
        return out;
    }
}
