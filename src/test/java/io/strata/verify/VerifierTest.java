package io.strata.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.cli.Main;
import io.strata.testing.Archives;
import io.strata.testing.LayerTar;
import io.strata.testing.RawTar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each verify check on a small archive the test builds, broken in exactly one way. */
class VerifierTest {
    @TempDir
    Path tmp;

    private static final byte[] LAYER = LayerTar.create().dir("etc").file("etc/hello", "hello\n").bytes();

    record Run(int code, JsonNode doc, String text) {
        List<JsonNode> findings() {
            List<JsonNode> all = new ArrayList<>();
            doc.path("findings").forEach(all::add);
            for (JsonNode image : doc.path("images")) image.path("findings").forEach(all::add);
            return all;
        }

        JsonNode finding(String code) {
            return findings().stream().filter(f -> f.path("code").asText().equals(code)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + code + " in " + findings() + "\n" + text));
        }
    }

    static Run verify(Path archive) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[]{"verify", "--format", "json", archive.toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        JsonNode doc = code == 2 ? null : new ObjectMapper().readTree(out.toString());
        return new Run(code, doc, out + err.toString());
    }

    @Test
    void sha512AndBlake3DescriptorsAreCheckedInTheirOwnAlgorithm() throws Exception {
        for (String algorithm : List.of("sha512", "blake3")) {
            Archives.Oci oci = new Archives.Oci();
            ObjectNode manifest = oci.image(algorithm, LAYER);
            Run ok = verify(oci.index(manifest).write(tmp.resolve(algorithm + ".tar")));
            assertEquals(0, ok.code(), ok.text());
            JsonNode layer = ok.doc().path("images").get(0).path("layers").get(0);
            assertEquals(ContentDigester.digest(algorithm, LAYER).toString(), layer.path("digest").asText());
        }
    }

    @Test
    void aLayerThatDoesNotMatchItsSha512DescriptorFails() throws Exception {
        Archives.Oci oci = new Archives.Oci();
        ObjectNode manifest = oci.image("sha512", LAYER);
        String name = "blobs/sha512/" + ContentDigester.digest("sha512", LAYER).hex();
        byte[] tampered = LayerTar.create().dir("etc").file("etc/hello", "HELLO\n").bytes();
        oci.raw(name, tampered);
        Run run = verify(oci.index(manifest).write(tmp.resolve("tampered.tar")));
        assertEquals(1, run.code(), run.text());
        JsonNode f = run.finding("blob-digest-mismatch");
        assertEquals(0, f.path("layer").asInt());
        run.finding("diffid-mismatch");
    }

    @Test
    void aManifestWhoseSizeIsWrongAndAnOrphanBlob() throws Exception {
        Archives.Oci oci = new Archives.Oci();
        ObjectNode manifest = oci.image("sha256", LAYER);
        manifest.put("size", manifest.path("size").asLong() + 1);
        oci.blob("application/octet-stream", "left over".getBytes(StandardCharsets.UTF_8));
        Run run = verify(oci.index(manifest).write(tmp.resolve("size.tar")));
        assertEquals(1, run.code(), run.text());
        assertTrue(run.finding("blob-size-mismatch").path("message").asText().contains("descriptor says"));
        assertEquals("info", run.finding("orphan-blob").path("severity").asText());
    }

    @Test
    void anUnreferencedBlobMustStillMatchItsName() throws Exception {
        Archives.Oci oci = new Archives.Oci();
        ObjectNode manifest = oci.image("sha256", LAYER);
        oci.raw("blobs/sha256/" + "c".repeat(64), "not what the name says".getBytes(StandardCharsets.UTF_8));
        Run run = verify(oci.index(manifest).write(tmp.resolve("orphan.tar")));
        assertEquals(1, run.code(), run.text());
        assertTrue(run.finding("blob-digest-mismatch").path("message").asText().contains("unreferenced blob"));
    }

    @Test
    void anIndexThatRefersToItselfIsACycle() throws Exception {
        Archives.Oci oci = new Archives.Oci();
        ObjectNode manifest = oci.image("sha256", LAYER);
        // a nested index stored under a name it also lists: content addressing makes this a lie, a reader must not loop
        String self = "sha256:" + "e".repeat(64);
        String nested = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
                + manifest + "," + Archives.Oci.descriptor("application/vnd.oci.image.index.v1+json", self, 10) + "]}";
        oci.raw("blobs/sha256/" + "e".repeat(64), nested.getBytes(StandardCharsets.UTF_8));
        oci.index(Archives.Oci.descriptor("application/vnd.oci.image.index.v1+json", self, nested.length()));
        Run run = verify(oci.write(tmp.resolve("cycle.tar")));
        assertEquals(1, run.code(), run.text());
        run.finding("index-cycle");
        run.finding("blob-digest-mismatch");
        assertEquals(1, run.doc().path("images").size());
    }

    @Test
    void aMissingLayerIsAnErrorAndANonDistributableOneAWarning() throws Exception {
        Archives.Oci oci = new Archives.Oci();
        String config = "{\"architecture\":\"amd64\",\"os\":\"windows\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                + Archives.sha256(LAYER) + "\",\"" + Archives.sha256(LAYER) + "\"]}}";
        String absent = "sha256:" + "d".repeat(64);
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":"
                + oci.blob("application/vnd.oci.image.config.v1+json", config.getBytes(StandardCharsets.UTF_8))
                + ",\"layers\":[" + Archives.Oci.descriptor("application/vnd.oci.image.layer.nondistributable.v1.tar+gzip", absent, 5)
                + "," + Archives.Oci.descriptor("application/vnd.oci.image.layer.v1.tar", absent, 5) + "]}";
        ObjectNode m = oci.blob("application/vnd.oci.image.manifest.v1+json", manifest.getBytes(StandardCharsets.UTF_8));
        Run run = verify(oci.index(m).write(tmp.resolve("missing.tar")));
        assertEquals(1, run.code(), run.text());
        assertEquals("warning", run.finding("non-distributable-blob").path("severity").asText());
        assertEquals(1, run.finding("missing-blob").path("layer").asInt());
        JsonNode layers = run.doc().path("images").get(0).path("layers");
        assertTrue(layers.get(0).path("nonDistributable").asBoolean());
        assertEquals("missing", layers.get(1).path("status").asText());
    }

    @Test
    void repositoriesThatDisagreeWithManifestJsonAreWarnings() throws Exception {
        Archives.Docker docker = new Archives.Docker().layer(LAYER);
        docker.file("repositories", "{\"test/hostile\":{\"1.0\":\"abc\"},\"other/repo\":{\"latest\":\"def\"}}"
                .getBytes(StandardCharsets.UTF_8));
        Run run = verify(docker.write(tmp.resolve("repos.tar")));
        assertEquals(0, run.code(), run.text());
        assertEquals("warning", run.finding("repositories-id-mismatch").path("severity").asText());
        assertTrue(run.finding("repositories-unknown-tag").path("message").asText().contains("other/repo:latest"));
    }

    @Test
    void layerSpecLintsAreFindings() throws Exception {
        byte[] layer = new RawTar()
                .entry("a.txt", '0', "one".getBytes(StandardCharsets.UTF_8))
                .entry("a.txt", '0', "two".getBytes(StandardCharsets.UTF_8))
                .entry(".wh.", '0', new byte[0])
                .entry("dir/.wh.gone", '0', "content".getBytes(StandardCharsets.UTF_8))
                .entry("../../escape", '0', "x".getBytes(StandardCharsets.UTF_8))
                .entry("/abs.txt", '0', "x".getBytes(StandardCharsets.UTF_8))
                .entry("link".getBytes(StandardCharsets.UTF_8), '1', new byte[0], 0, "nowhere".getBytes(StandardCharsets.UTF_8))
                .finish();
        Run run = verify(new Archives.Docker().layer(layer).write(tmp.resolve("lints.tar")));
        assertEquals(1, run.code(), run.text());
        for (String code : List.of("duplicate-path", "bare-whiteout", "whiteout-with-content", "path-escape",
                "absolute-path", "hardlink-missing-target")) {
            assertEquals(0, run.finding(code).path("layer").asInt(), code);
        }
    }

    @Test
    void aTruncatedLayerACorruptHeaderAndTrailingGarbage() throws Exception {
        byte[] truncated = Arrays.copyOf(LAYER, 700);
        Run t = verify(new Archives.Docker().layer(truncated).write(tmp.resolve("truncated.tar")));
        assertEquals(1, t.code(), t.text());
        assertTrue(t.finding("layer-unreadable").path("message").asText().contains("truncated"), t.text());

        byte[] corrupt = LAYER.clone();
        corrupt[512 + 3] ^= 0x20; // the second header's name, checksum left as it was
        Run c = verify(new Archives.Docker().layer(corrupt).write(tmp.resolve("corrupt.tar")));
        assertEquals(1, c.code(), c.text());
        assertTrue(c.finding("layer-unreadable").path("message").asText().contains("checksum"), c.text());

        byte[] trailing = Arrays.copyOf(LAYER, LAYER.length + 512);
        Arrays.fill(trailing, LAYER.length, trailing.length, (byte) 'x');
        Run g = verify(new Archives.Docker().layer(trailing).write(tmp.resolve("trailing.tar")));
        assertEquals(0, g.code(), g.text());
        assertEquals("warning", g.finding("trailing-data").path("severity").asText());
    }

    @Test
    void historyStepsThatDoNotMatchTheLayersAreAWarning() throws Exception {
        ObjectNode config = (ObjectNode) new ObjectMapper().readTree(new Archives.Docker().layer(LAYER).configBytes());
        config.withArray("history").addObject().put("created_by", "an extra step that claims a layer");
        Run run = verify(new Archives.Docker().layer(LAYER).config(new ObjectMapper().writeValueAsBytes(config))
                .write(tmp.resolve("history.tar")));
        assertEquals(0, run.code(), run.text());
        assertTrue(run.finding("history-count-mismatch").path("message").asText().contains("2 steps"));
    }
}
