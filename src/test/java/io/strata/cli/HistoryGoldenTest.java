package io.strata.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.testing.Facts;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `strata history --human=false --format json` against the engines: sizes equal `docker history --human=false`'s
 * byte figures (content bytes) and, with `--size tar`, `podman history`'s (tar lengths), row for row, newest first;
 * CREATED BY is the same text.
 */
class HistoryGoldenTest {

    @TestFactory
    Stream<DynamicTest> sizesEqualDockerHistory() throws IOException {
        return cases(false);
    }

    @TestFactory
    Stream<DynamicTest> tarSizesEqualPodmanHistory() throws IOException {
        return cases(true);
    }

    private static Stream<DynamicTest> cases(boolean podman) throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path archive : InspectGoldenTest.archives()) {
            Facts facts = Facts.read(Facts.of(archive));
            List<Facts.History> histories = podman ? facts.podmanHistory() : facts.dockerHistory();
            List<String> configs = InspectGoldenTest.inspect(archive).path("images").findValuesAsText("configDigest");
            for (Facts.History h : histories) {
                Optional<String> image = chooseImage(h, configs);
                if (image.isEmpty()) continue; // e.g. pair's base image: docker knew it, the archive does not hold it
                tests.add(DynamicTest.dynamicTest(archive.getFileName() + " " + h.ref(),
                        () -> check(archive, image.get(), h, podman)));
            }
        }
        assertFalse(tests.isEmpty());
        return tests.stream();
    }

    /**
     * The archive's image the engine's history is of: the one whose config digest is the engine's image ID. podman
     * loaded the sample from its docker-archive, so for the OCI copy (config rewritten, new digest) the archive's
     * only image stands in.
     */
    private static Optional<String> chooseImage(Facts.History h, List<String> configs) {
        if (configs.contains(h.imageId())) return Optional.of(h.imageId());
        if (configs.size() == 1 && h.ref().startsWith("localhost/")) return Optional.of(configs.get(0));
        return Optional.empty();
    }

    private static void check(Path archive, String config, Facts.History expected, boolean tar) {
        List<String> args = new ArrayList<>(List.of("history", "--human=false", "--format", "json", "--image", config));
        if (tar) args.addAll(List.of("--size", "tar"));
        args.add(archive.toString());
        CliRun run = CliRun.strata(args.toArray(String[]::new));
        assertEquals(0, run.code(), run.err());
        JsonNode rows = run.json().path("history");
        assertEquals(tar ? "tar" : "content", run.json().path("sizeKind").asText());
        assertEquals(config, run.json().path("id").asText());
        assertEquals(expected.rows().size(), rows.size(), archive + " " + expected.ref() + " rows");
        for (int i = 0; i < rows.size(); i++) {
            Facts.HistoryRow want = expected.rows().get(i);
            JsonNode got = rows.get(i);
            String what = archive + " " + expected.ref() + " row " + i;
            assertEquals(want.size(), got.path("size").asLong(), what + " size");
            assertEquals(want.createdBy().strip(), got.path("createdBy").asText().strip(), what + " created by");
            if (want.size() > 0) assertFalse(got.path("emptyLayer").asBoolean(), what + " made a layer");
        }
        assertTrue(rows.size() > 0);
    }
}
