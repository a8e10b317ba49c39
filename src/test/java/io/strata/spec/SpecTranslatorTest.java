package io.strata.spec;

import io.strata.model.ImageConfig;
import io.strata.model.MediaType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Wire quirks the translator must tolerate, and the broken documents it must refuse with a readable reason. */
class SpecTranslatorTest {

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void configToleratesOldAndOddShapes() throws SpecException {
        ImageConfig c = SpecTranslator.config(json("""
                {"architecture":"arm64","os":"linux","variant":"v8","unknownTopLevel":{"x":[1,2]},
                 "config":{"Cmd":"/bin/sh -c run","Entrypoint":null,"Env":["A=b",null],"Labels":{"k":"v","n":null},
                           "ExposedPorts":{"80/tcp":{}},"Volumes":{"/data":{}},"User":"","StopSignal":"SIGTERM",
                           "Healthcheck":{"Test":["CMD","true"],"Interval":30000000000,"Retries":3},"Shell":["x"]},
                 "rootfs":{"type":"layers","diff_ids":["sha256:%s"]},
                 "history":[null,{"created_by":"ADD x /","empty_layer":false,"unknown":1},{"comment":"c","empty_layer":true}]}
                """.formatted("a".repeat(64))));
        assertEquals("linux/arm64/v8", c.platform().toString());
        assertEquals(List.of("/bin/sh -c run"), c.cmd(), "a plain-string Cmd is one argument");
        assertEquals(List.of(), c.entrypoint());
        assertEquals(List.of("A=b"), c.env());
        assertEquals("v", c.labels().get("k"));
        assertEquals(1, c.labels().size());
        assertTrue(c.user().isEmpty(), "an empty User is no user");
        assertEquals("SIGTERM", c.stopSignal().orElseThrow());
        assertEquals(3, c.healthcheck().orElseThrow().retries().orElseThrow());
        assertEquals(2, c.history().size(), "a null history entry is skipped");
        assertEquals(1, c.layerHistory().size());
        assertEquals("[80/tcp]", c.exposedPorts().toString());
        assertEquals("[/data]", c.volumes().toString());
    }

    @Test
    void brokenConfigsAreRefusedWithAReason() {
        SpecException bad = assertThrows(SpecException.class,
                () -> SpecTranslator.config(json("{\"rootfs\":{\"diff_ids\":[\"md5:abc\"]}}")));
        assertTrue(bad.getMessage().contains("rootfs.diff_ids") && bad.getMessage().contains("md5"), bad.getMessage());
        SpecException truncated = assertThrows(SpecException.class, () -> SpecTranslator.config(json("{\"os\":")));
        assertTrue(truncated.getMessage().startsWith("malformed JSON"), truncated.getMessage());
        // an unclosed array: Jackson names where it opened; the message keeps the place, not the parser's source note
        SpecException unclosed = assertThrows(SpecException.class, () -> SpecTranslator.config(json("{\"os\": [")));
        assertTrue(unclosed.getMessage().contains("line: 1, column: 8"), unclosed.getMessage());
        assertFalse(unclosed.getMessage().contains("Source:"), unclosed.getMessage());
        SpecException nul = assertThrows(SpecException.class, () -> SpecTranslator.config(json("null")));
        assertTrue(nul.getMessage().contains("null"));
    }

    @Test
    void absurdNestingIsRefusedNotAStackOverflow() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        SpecException e = assertThrows(SpecException.class, () -> SpecTranslator.config(json(deep)));
        assertTrue(e.getMessage().contains("malformed JSON") || e.getMessage().contains("nesting"), e.getMessage());
    }

    @Test
    void documentsWithoutMediaTypeAreTakenByShape() throws SpecException {
        String d = "sha256:" + "b".repeat(64);
        var index = SpecTranslator.document(json("{\"schemaVersion\":2,\"manifests\":[{\"digest\":\"" + d + "\",\"size\":1}]}"),
                "application/vnd.oci.descriptor.v1+json");
        assertTrue(index.index().isPresent());
        var manifest = SpecTranslator.document(json("{\"schemaVersion\":2,\"config\":{\"digest\":\"" + d
                + "\",\"size\":3},\"layers\":[]}"), MediaType.OCI_INDEX);
        assertTrue(manifest.manifest().isPresent(), "a config makes it a manifest whatever the descriptor said");
        assertEquals(MediaType.OCI_MANIFEST, manifest.manifest().get().mediaType(),
                "not the index type the descriptor claimed");
        assertThrows(SpecException.class, () -> SpecTranslator.document(json("{\"schemaVersion\":2}"), null));
    }

    @Test
    void descriptorsNeedADigestAndASize() {
        SpecException noSize = assertThrows(SpecException.class,
                () -> SpecTranslator.descriptor(new DescriptorJson("x", "sha256:" + "c".repeat(64), null, null, null, null)));
        assertTrue(noSize.getMessage().contains("size"), noSize.getMessage());
        SpecException badDigest = assertThrows(SpecException.class,
                () -> SpecTranslator.descriptor(new DescriptorJson("x", "sha256:../../etc/passwd", 1L, null, null, null)));
        assertTrue(badDigest.getMessage().contains("digest"), badDigest.getMessage());
    }

    @Test
    void dockerManifestMustBeAListOfImages() {
        assertEquals("the JSON literal null: it lists no images",
                assertThrows(SpecException.class, () -> SpecTranslator.dockerManifest(json("null"))).getMessage());
        assertTrue(assertThrows(SpecException.class, () -> SpecTranslator.dockerManifest(json("{}"))).getMessage()
                .contains("not a JSON array"));
        assertTrue(assertThrows(SpecException.class, () -> SpecTranslator.dockerManifest(json("[]"))).getMessage()
                .contains("no images"));
    }

    @Test
    void scalarsAreTakenAsDataBindingTookThem() throws SpecException {
        String d = "sha256:" + "d".repeat(64);
        // a size written as a string, a repeated key (the last wins), a trailing comma, an unknown field
        var doc = SpecTranslator.document(json("{\"schemaVersion\":\"2\",\"config\":{\"digest\":\"" + d
                + "\",\"size\":\"7\",\"size\":\"9\",},\"layers\":[],\"extra\":[{}],}"), null);
        assertEquals(9, doc.manifest().orElseThrow().config().size());
        // numbers and booleans where text belongs are their text
        ImageConfig c = SpecTranslator.config(json("{\"os\":\"linux\",\"architecture\":\"amd64\","
                + "\"config\":{\"User\":1000,\"Labels\":{\"n\":1,\"b\":true}}}"));
        assertEquals("1000", c.user().orElseThrow());
        assertEquals("1", c.labels().get("n"));
        assertEquals("true", c.labels().get("b"));
    }

    @Test
    void containersWhereScalarsBelongAreShapeErrorsNamingTheField() {
        SpecException user = assertThrows(SpecException.class,
                () -> SpecTranslator.config(json("{\"config\":{\"User\":{\"name\":\"x\"}}}")));
        assertTrue(user.getMessage().startsWith("unexpected JSON shape") && user.getMessage().contains("User"),
                user.getMessage());
        SpecException diffIds = assertThrows(SpecException.class,
                () -> SpecTranslator.config(json("{\"rootfs\":{\"diff_ids\":\"sha256:x\"}}")));
        assertTrue(diffIds.getMessage().contains("diff_ids") && diffIds.getMessage().contains("array"),
                diffIds.getMessage());
        SpecException array = assertThrows(SpecException.class, () -> SpecTranslator.config(json("[1, 2]")));
        assertTrue(array.getMessage().contains("should be an object"), array.getMessage());
        SpecException empty = assertThrows(SpecException.class, () -> SpecTranslator.config(json("  ")));
        assertTrue(empty.getMessage().startsWith("malformed JSON"), empty.getMessage());
    }
}
