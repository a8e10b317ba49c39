package io.strata.cli;

import io.strata.model.ImageConfig;
import io.strata.model.MediaType;
import io.strata.spec.SpecTranslator;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The start-up warm-up swallows its failures, so a broken one would only be slower: these say it is not. */
class WarmUpTest {
    @Test
    void runsToTheEndWithoutAFailure() {
        assertDoesNotThrow(WarmUp::warm);
        for (String command : List.of("inspect", "diff", "files", "packages", "sbom", "report", "extract")) {
            assertDoesNotThrow(() -> WarmUp.annotations(command), command);
        }
    }

    @Test
    void itsDocumentsReachEveryReader() throws Exception {
        // a document that did not parse, or parsed to less than it says, would leave those readers' call sites cold
        var index = SpecTranslator.document(WarmUp.INDEX.getBytes(StandardCharsets.UTF_8), MediaType.OCI_INDEX);
        assertEquals(1, index.index().orElseThrow().manifests().size());
        assertTrue(index.index().get().manifests().get(0).platform().isPresent());
        var manifest = SpecTranslator.document(WarmUp.MANIFEST.getBytes(StandardCharsets.UTF_8), MediaType.OCI_MANIFEST);
        assertEquals(1, manifest.manifest().orElseThrow().layers().size());
        ImageConfig config = SpecTranslator.config(WarmUp.CONFIG.getBytes(StandardCharsets.UTF_8));
        assertEquals(1, config.history().size());
        assertEquals(1, config.diffIds().size());
        assertTrue(config.healthcheck().isPresent());
        assertEquals(1, config.labels().size());
        assertEquals(1, config.exposedPorts().size());
    }
}
