package io.strata.hostile;

import io.strata.testing.Archives;
import io.strata.testing.LayerTar;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What verify used to pass: a descriptor whose media type says index over a manifest (and the reverse), a size
 * given as a JSON string, a hardlink to itself. Each is now an error finding and exit 1.
 */
class VerifyConfusionTest {
    @TempDir
    Path dir;

    static byte[] layer() {
        return LayerTar.create().file("etc/hostname", "box").bytes();
    }

    private static CommandMatrix.Outcome verify(Path archive) {
        return CommandMatrix.run(List.of("verify", "--format", "json", archive.toString()));
    }

    private static void assertFinding(CommandMatrix.Outcome r, String code) {
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(java.util.regex.Pattern.compile("\"code\"\\s*:\\s*\"" + code + "\"").matcher(r.out()).find(),
                code + " in " + r.out());
    }

    @Test
    void anIndexTypeOverAManifestAndTheReverse() throws IOException {
        Archives.Oci good = new Archives.Oci();
        good.index(good.image("sha256", layer()));
        assertEquals(0, verify(good.write(dir.resolve("good.tar"))).code(), "the well-formed layout passes");

        Archives.Oci oci = new Archives.Oci();
        ObjectNode m = oci.image("sha256", layer());
        m.put("mediaType", "application/vnd.oci.image.index.v1+json");
        oci.index(m);
        assertFinding(verify(oci.write(dir.resolve("index-over-manifest.tar"))), "media-type-mismatch");

        Archives.Oci nested = new Archives.Oci();
        ObjectNode inner = nested.image("sha256", layer());
        ObjectNode idx = Archives.JSON.createObjectNode();
        idx.put("schemaVersion", 2);
        idx.put("mediaType", "application/vnd.oci.image.index.v1+json");
        idx.putArray("manifests").add(inner);
        ObjectNode d = nested.blob("application/vnd.oci.image.manifest.v1+json", Archives.json(idx));
        nested.index(d);
        assertFinding(verify(nested.write(dir.resolve("manifest-over-index.tar"))), "media-type-mismatch");
    }

    @Test
    void aSizeThatIsAStringIsAnError() throws IOException {
        Archives.Oci oci = new Archives.Oci();
        ObjectNode m = oci.image("sha256", layer());
        m.put("size", String.valueOf(m.get("size").asLong()));
        oci.index(m);
        CommandMatrix.Outcome r = verify(oci.write(dir.resolve("string-size.tar")));
        assertFinding(r, "descriptor-size-type");
    }

    @Test
    void aHardlinkToItselfIsAnError() throws IOException {
        byte[] layer = LayerTar.create().file("bin/tool", "x").hardlink("bin/tool", "bin/tool").bytes();
        Path archive = new Archives.Docker().layer(layer).write(dir.resolve("self-link.tar"));
        assertFinding(verify(archive), "hardlink-to-itself");
    }
}
