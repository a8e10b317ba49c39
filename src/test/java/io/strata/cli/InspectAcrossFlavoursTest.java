package io.strata.cli;

import io.strata.session.Workspace;
import com.fasterxml.jackson.databind.JsonNode;
import io.strata.archive.ImageArchive;
import io.strata.testing.Facts;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The same image as a docker save (plain layers) and as a zstd OCI layout, inspected in one run: both claim the
 * same diffIds, yet each archive's layers keep their own blob digest, compression and stored size, because a scan
 * is shared only by references to the same stored blob.
 */
class InspectAcrossFlavoursTest {
    private static final Path DOCKER = Path.of("testdata/sample/sample.docker-save.tar");
    private static final Path ZSTD = Path.of("testdata/sample/sample.oci-layout-zstd.tar");

    @Test
    void eachArchiveKeepsItsOwnBlobFigures() throws Exception {
        JsonNode images = CliRun.strata("inspect", "--format", "json", DOCKER.toString(), ZSTD.toString())
                .json().path("images");
        assertEquals(2, images.size());
        assertLayersMatch(images.get(0).path("layers"), Facts.read(Facts.of(DOCKER)).layers());
        assertLayersMatch(images.get(1).path("layers"), Facts.read(Facts.of(ZSTD)).layers());
        assertEquals(images.get(0).path("layers").get(0).path("diffId"), images.get(1).path("layers").get(0).path("diffId"),
                "the two archives hold the same layers");
    }

    @Test
    void sameDiffIdInAnotherCompressionIsScannedAgain() throws Exception {
        int layers = Facts.read(Facts.of(DOCKER)).layers().size();
        try (Workspace ws = new Workspace(CommandLine.populateCommand(new InputOptions()).options())) {
            for (Path p : List.of(DOCKER, ZSTD)) {
                ImageArchive a = ws.open(p.toString());
                ws.analyse(a, ws.select(a));
            }
            assertEquals(2 * layers, ws.loader().loads(), "plain and zstd blobs are different blobs");
        }
    }

    private static void assertLayersMatch(JsonNode actual, List<Facts.Layer> expected) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            Facts.Layer f = expected.get(i);
            JsonNode l = actual.get(i);
            assertEquals(f.blobDigest(), l.path("digest").asText(), "layer " + i + " digest");
            assertEquals(f.strataCompression(), l.path("compression").asText(), "layer " + i + " compression");
            assertEquals(f.storedSize(), l.path("compressedBytes").asLong(), "layer " + i + " stored bytes");
            assertEquals(f.diffIdDigest(), l.path("diffId").asText(), "layer " + i + " diffId");
        }
    }
}
