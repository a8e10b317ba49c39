package io.strata.hostile;

import io.strata.testing.Archives;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.testing.LayerTar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JSON as a weapon: enormous, absurdly nested, with digests that are not digests, and an index that loops. */
class JsonTest {
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final byte[] LAYER = LayerTar.create().file("etc/passwd", "root:x:0:0::/:/bin/sh\n").bytes();

    @TempDir
    Path tmp;

    @Test
    void aHundredMegabyteConfigIsRefusedBySizeBeforeItIsRead() throws Exception {
        byte[] config = new byte[100 << 20];
        Arrays.fill(config, (byte) ' ');
        config[0] = '{';
        config[config.length - 1] = '}';
        Path archive = new Archives.Docker().layer(LAYER).config(config).write(tmp.resolve("big-config.tar"));
        config = null;
        var r = Measure.of("100 MB config (inspect)", () -> CommandMatrix.run(List.of("inspect", archive.toString())));
        assertEquals(2, r.value().code());
        assertTrue(r.value().err().contains("104857600 bytes, over the limit of 16777216")
                && r.value().err().contains("--max-json-bytes"), r.value().err());
        assertTrue(r.peakHeapBytes() < (100L << 20), "the config was not read: peak heap " + r.peakHeapMiB() + " MiB");
        CommandMatrix.runAll(archive, tmp, LIMIT);
    }

    @Test
    void theJsonLimitIsAFlag() throws Exception {
        Archives.Oci oci = new Archives.Oci();
        ObjectNode manifest = oci.image("sha256", LAYER);
        Path archive = oci.index(manifest).write(tmp.resolve("oci.tar"));
        var small = CommandMatrix.run(List.of("verify", archive.toString(), "--max-json-bytes", "100"));
        assertEquals(2, small.code(), "the limit is a flag: " + small.out() + small.err());
        assertTrue(small.err().contains("over the limit of 100"), small.err());
    }

    @Test
    void tenThousandLevelsOfNestingAreRefused() throws Exception {
        String deep = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"x\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        Path archive = new Archives.Docker().layer(LAYER).config(deep.getBytes(StandardCharsets.UTF_8))
                .write(tmp.resolve("deep-config.tar"));
        var outcomes = CommandMatrix.runAll(archive, tmp, LIMIT);
        CommandMatrix.Outcome inspect = CommandMatrix.of(outcomes, "inspect");
        assertEquals(2, inspect.code());
        assertTrue(inspect.err().contains("malformed JSON") && inspect.err().contains("nesting depth"), inspect.err());

        String deepIndex = "{\"schemaVersion\":2,\"manifests\":[" + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000) + "]}";
        Path oci = new Archives.Oci().indexJson(deepIndex).write(tmp.resolve("deep-index.tar"));
        assertEquals(2, CommandMatrix.of(CommandMatrix.runAll(oci, tmp, LIMIT), "inspect").code());
    }

    @Test
    void digestsThatAreNotHexAreRefusedWithTheirName() throws Exception {
        for (String digest : List.of("sha256:" + "Z".repeat(64), "sha256:../../../../../../etc/passwd",
                "md5:d41d8cd98f00b204e9800998ecf8427e", "sha256:" + "a".repeat(63))) {
            Archives.Oci oci = new Archives.Oci();
            Path archive = oci.index(Archives.Oci.descriptor("application/vnd.oci.image.manifest.v1+json", digest, 10))
                    .write(tmp.resolve("bad-digest.tar"));
            var outcomes = CommandMatrix.runAll(archive, tmp, LIMIT);
            CommandMatrix.Outcome inspect = CommandMatrix.of(outcomes, "inspect");
            assertEquals(2, inspect.code(), digest);
            assertTrue(inspect.err().contains("digest"), inspect.err());
            assertEquals(2, CommandMatrix.of(outcomes, "verify").code(), digest);
        }
    }

    @Test
    void anIndexThatRefersToItselfEndsEveryCommand() throws Exception {
        Archives.Oci oci = new Archives.Oci();
        String self = "sha256:" + "f".repeat(64);
        String looping = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
                + Archives.Oci.descriptor("application/vnd.oci.image.index.v1+json", self, 10) + "]}";
        oci.raw("blobs/sha256/" + "f".repeat(64), looping.getBytes(StandardCharsets.UTF_8));
        Path archive = oci.index(Archives.Oci.descriptor("application/vnd.oci.image.index.v1+json", self,
                looping.length())).write(tmp.resolve("self-index.tar"));
        var outcomes = CommandMatrix.runAll(archive, tmp, LIMIT);
        CommandMatrix.Outcome inspect = CommandMatrix.of(outcomes, "inspect");
        assertEquals(2, inspect.code());
        assertTrue(inspect.err().contains("refers to itself"), inspect.err());
    }
}
