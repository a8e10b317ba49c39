package io.strata.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.luben.zstd.ZstdOutputStream;
import io.strata.testing.ImageBuilder;
import io.strata.testing.LayerTar;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input, each built here: exit 2 and exactly one line on stderr naming the file and the problem, for inspect
 * and history alike; and the inputs that look odd but must work (a whole archive compressed, standard input).
 */
class InspectBadInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    // ---------------------------------------------------------------- inputs

    /** A small valid docker-archive: two layers, two history steps. */
    private static ImageBuilder image() {
        return new ImageBuilder()
                .layer("/bin/sh -c echo hi > /hello").file("hello", "hi\n").done()
                .step("/bin/sh -c #(nop)  ENV A=b")
                .layer("/bin/sh -c mkdir /data").dir("data").file("data/x.bin", 300).done();
    }

    private byte[] imageBytes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        image().writeTo(out);
        return out.toByteArray();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    /** A tar of the given entries (name -> content), in order. */
    private Path tar(String name, Map<String, byte[]> entries) throws IOException {
        Path out = dir.resolve(name);
        try (OutputStream os = Files.newOutputStream(out); TarArchiveOutputStream tar = new TarArchiveOutputStream(os)) {
            for (var e : entries.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                entry.setSize(e.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(e.getValue());
                tar.closeArchiveEntry();
            }
        }
        return out;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    /** A one-layer oci-archive whose layer descriptor has {@code layerMediaType}; {@code withLayerBlob} false leaves it out. */
    private Path ociArchive(String name, String layerMediaType, boolean withLayerBlob) throws Exception {
        byte[] layer = LayerTar.create().file("etc/motd", "hello\n").bytes();
        ObjectNode config = JSON.createObjectNode();
        config.put("architecture", "amd64").put("os", "linux");
        config.putObject("rootfs").put("type", "layers").putArray("diff_ids").add("sha256:" + sha256(layer));
        config.putArray("history").addObject().put("created_by", "COPY motd /etc/motd");
        byte[] configBytes = JSON.writeValueAsBytes(config);
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        manifest.putObject("config").put("mediaType", "application/vnd.oci.image.config.v1+json")
                .put("digest", "sha256:" + sha256(configBytes)).put("size", configBytes.length);
        manifest.putArray("layers").addObject().put("mediaType", layerMediaType)
                .put("digest", "sha256:" + sha256(layer)).put("size", layer.length);
        byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.putArray("manifests").addObject().put("mediaType", "application/vnd.oci.image.manifest.v1+json")
                .put("digest", "sha256:" + sha256(manifestBytes)).put("size", manifestBytes.length)
                .putObject("annotations").put("org.opencontainers.image.ref.name", "1.0");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("oci-layout", utf8("{\"imageLayoutVersion\":\"1.0.0\"}"));
        entries.put("index.json", JSON.writeValueAsBytes(index));
        entries.put("blobs/sha256/" + sha256(manifestBytes), manifestBytes);
        entries.put("blobs/sha256/" + sha256(configBytes), configBytes);
        if (withLayerBlob) entries.put("blobs/sha256/" + sha256(layer), layer);
        return tar(name, entries);
    }

    /** A docker-archive whose manifest.json and config are given as text. */
    private Path dockerArchive(String name, String manifestJson, Map<String, byte[]> files) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>(files);
        entries.put("manifest.json", utf8(manifestJson));
        return tar(name, entries);
    }

    private static byte[] layerTar() {
        return LayerTar.create().file("a.txt", "a").bytes();
    }

    // ---------------------------------------------------------------- failures

    private static void assertBothCommandsRefuse(Path input, String problem) {
        for (String command : List.of("inspect", "history")) {
            BadInputAssertions.assertOneLineFailure(CliRun.strata(command, input.toString()), input.toString(), problem);
        }
    }

    @Test
    void notATar() throws IOException {
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        noise[0] = 'X'; // neither gzip nor zstd magic
        assertBothCommandsRefuse(write("noise.tar", noise), "not a tar archive");
    }

    @Test
    void aTextFileIsNotATar() throws IOException {
        assertBothCommandsRefuse(write("readme.tar", utf8("just some text\n".repeat(100))), "not a tar archive");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 0.9})
    void truncatedTar(double keep) throws IOException {
        byte[] whole = imageBytes();
        Path cut = write("cut.tar", Arrays.copyOf(whole, (int) (whole.length * keep)));
        assertBothCommandsRefuse(cut, "truncated");
    }

    @Test
    void truncatedTarWithoutEndMarker() throws IOException {
        byte[] whole = imageBytes();
        // drop the two zero blocks (and the tar's record padding) that end the archive
        int end = whole.length;
        while (end > 0 && whole[end - 1] == 0) end--;
        int lastBlockEnd = (end + 511) / 512 * 512;
        assertBothCommandsRefuse(write("no-end.tar", Arrays.copyOf(whole, lastBlockEnd)), "truncated");
    }

    @Test
    void truncatedGzipArchive() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(imageBytes());
        }
        byte[] whole = gz.toByteArray();
        assertBothCommandsRefuse(write("cut.tar.gz", Arrays.copyOf(whole, whole.length / 2)), "truncated compressed archive: it ends before");
    }

    @Test
    void manifestNamesAMissingConfig() throws IOException {
        Path p = dockerArchive("no-config.tar",
                "[{\"Config\":\"abc.json\",\"RepoTags\":[\"x:1\"],\"Layers\":[\"l0/layer.tar\"]}]",
                Map.of("l0/layer.tar", layerTar()));
        assertBothCommandsRefuse(p, "abc.json is not in the archive");
    }

    @Test
    void malformedManifestJson() throws IOException {
        Path p = dockerArchive("bad-json.tar", "[{\"Config\": \"abc.json\", \"Layers\": [", Map.of());
        assertBothCommandsRefuse(p, "manifest.json: malformed JSON");
    }

    @Test
    void malformedConfigJson() throws IOException {
        Path p = dockerArchive("bad-config.tar",
                "[{\"Config\":\"c.json\",\"RepoTags\":[\"x:1\"],\"Layers\":[\"l0/layer.tar\"]}]",
                Map.of("l0/layer.tar", layerTar(), "c.json", utf8("{\"rootfs\": {\"diff_ids\": [1, 2}")));
        assertBothCommandsRefuse(p, "c.json: malformed JSON");
    }

    @Test
    void moreDiffIdsThanLayers() throws Exception {
        byte[] layer = layerTar();
        String id = "sha256:" + sha256(layer);
        String config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                + id + "\",\"" + id + "\",\"" + id + "\"]}}";
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("l0/layer.tar", layer);
        files.put("c.json", utf8(config));
        Path p = dockerArchive("diff-ids.tar",
                "[{\"Config\":\"c.json\",\"RepoTags\":[\"x:1\"],\"Layers\":[\"l0/layer.tar\"]}]", files);
        assertBothCommandsRefuse(p, "lists 3 diff_ids but the manifest has 1 layers");
    }

    @Test
    void unknownLayerMediaType() throws Exception {
        Path p = ociArchive("unknown-type.tar", "application/vnd.example.sound+ogg", true);
        assertBothCommandsRefuse(p, "unknown media type 'application/vnd.example.sound+ogg'");
    }

    @Test
    void emptyFile() throws IOException {
        assertBothCommandsRefuse(write("empty.tar", new byte[0]), "empty");
    }

    @Test
    void missingFile() {
        assertBothCommandsRefuse(dir.resolve("nothing-here.tar"), "no such file");
    }

    @Test
    void directoryThatIsNotAnOciLayout() throws IOException {
        Path layoutish = Files.createDirectories(dir.resolve("broken-layout/blobs/sha256")).getParent().getParent();
        Files.write(layoutish.resolve("blobs/sha256/0123"), utf8("{}"));
        BadInputAssertions.assertOneLineFailure(CliRun.strata("inspect", layoutish.toString()), layoutish.toString(),
                "not an OCI image layout");
        BadInputAssertions.assertOneLineFailure(CliRun.strata("history", layoutish.toString()), layoutish.toString(),
                "not an image archive");
    }

    @Test
    void directoryWithAStrayFileNamesTheFile() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("folder"));
        Path stray = Files.write(folder.resolve("notes.md"), utf8("# not an image\n"));
        // a file that is not an archive is skipped (issue 16); a folder left with none is bad input, and the one
        // line names the folder and what it skipped
        for (String command : new String[]{"inspect", "history"}) {
            CliRun run = CliRun.strata(command, folder.toString());
            BadInputAssertions.assertOneLineFailure(run, folder.toString(), "holds no archive files");
            assertTrue(run.err().contains(stray + ": not an image archive; skipped"), run.err());
        }
    }

    // ---------------------------------------------------------------- reported, not fatal

    @Test
    void missingLayerBlobIsReportedNotFatal() throws Exception {
        Path p = ociArchive("partial.tar", "application/vnd.oci.image.layer.v1.tar", false);
        CliRun inspect = CliRun.strata("inspect", "--format", "json", p.toString());
        assertEquals(0, inspect.code(), inspect.err());
        JsonNode layer = inspect.json().path("images").get(0).path("layers").get(0);
        assertEquals("missing", layer.path("status").asText());
        assertTrue(layer.path("tarBytes").isNull());
        assertTrue(inspect.json().path("findings").findValuesAsText("code").contains("missing-blob"), inspect.out());
        CliRun text = CliRun.strata("inspect", p.toString());
        assertTrue(text.out().contains("missing") && text.out().contains("missing-blob"), text.out());

        CliRun history = CliRun.strata("history", "--format", "json", p.toString());
        assertEquals(0, history.code(), history.err());
        assertTrue(history.json().path("history").get(0).path("size").isNull());
        assertEquals(1, history.err().lines().count(), history.err());
        assertTrue(history.err().contains("warning") && history.err().contains("not in the archive"), history.err());
        assertTrue(CliRun.strata("history", p.toString()).out().lines().skip(1).findFirst().orElse("").contains("?"));
    }

    // ---------------------------------------------------------------- odd inputs that work

    /** inspect's layers of an input: digest, diffId, tarBytes per layer, for comparing two spellings of one archive. */
    private static JsonNode layers(String input) {
        CliRun run = CliRun.strata("inspect", "--format", "json", input);
        assertEquals(0, run.code(), run.err());
        return run.json().path("images").get(0).path("layers");
    }

    @Test
    void gzipCompressedArchiveIsRead() throws IOException {
        byte[] plain = imageBytes();
        Path plainTar = write("plain.tar", plain);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(plain);
        }
        Path gzTar = write("image.tar.gz", gz.toByteArray());
        assertEquals(layers(plainTar.toString()), layers(gzTar.toString()));
        JsonNode json = CliRun.strata("inspect", "--format", "json", gzTar.toString()).json();
        assertEquals(gz.size(), json.path("archive").path("bytes").asLong(), "bytes of the file as given");
        assertEquals(0, CliRun.strata("history", gzTar.toString()).code());
    }

    @Test
    void zstdCompressedArchiveIsRead() throws IOException {
        byte[] plain = imageBytes();
        ByteArrayOutputStream zst = new ByteArrayOutputStream();
        try (ZstdOutputStream out = new ZstdOutputStream(zst)) {
            out.write(plain);
        }
        Path zstTar = write("image.tar.zst", zst.toByteArray());
        assertEquals(layers(write("plain.tar", plain).toString()), layers(zstTar.toString()));
        assertEquals(0, CliRun.strata("history", zstTar.toString()).code());
    }

    @Test
    void standardInputIsSpooledAndRead() throws IOException {
        byte[] plain = imageBytes();
        JsonNode expected = layers(write("plain.tar", plain).toString());
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(plain));
            CliRun run = CliRun.strata("inspect", "--format", "json", "-");
            assertEquals(0, run.code(), run.err());
            assertEquals(expected, run.json().path("images").get(0).path("layers"));
            assertEquals("<stdin>", run.json().path("archive").path("path").asText());
            System.setIn(new ByteArrayInputStream(plain));
            CliRun history = CliRun.strata("history", "--human=false", "-");
            assertEquals(0, history.code(), history.err());
            assertTrue(history.out().contains("/bin/sh -c mkdir /data"), history.out());
            System.setIn(new ByteArrayInputStream(new byte[0]));
            BadInputAssertions.assertOneLineFailure(CliRun.strata("inspect", "-"), "<stdin>", "empty");
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void theUnbrokenInputsAreValid() throws Exception {
        // the failures above come from what each test broke, not from the builders
        assertEquals(2, layers(write("ok.tar", imageBytes()).toString()).size());
        assertEquals(1, layers(ociArchive("ok-oci.tar", "application/vnd.oci.image.layer.v1.tar", true).toString()).size());
    }
}
