package io.strata.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.testing.Facts;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `strata verify` on the real archives, on copies broken on purpose, and the evidence its JSON carries. */
class VerifyCommandTest {
    static final Path THIRD_PARTY = Path.of("../shared/testdata/third-party");

    /** Third-party archives their README calls valid (the rest are broken or not images on purpose). */
    static final List<String> VALID_THIRD_PARTY = List.of(
            "dive/test-docker-image.tar", "dive/test-kaniko-image.tar", "dive/test-oci-gzip-image.tar",
            "dive/test-oci-uncompressed-image.tar", "dive/test-oci-zstd-image.tar", "dive/test-oci-estargz-image.tar",
            "go-containerregistry/tarball/hello-world-v25.tar", "go-containerregistry/tarball/test_image_1.tar",
            "go-containerregistry/tarball/test_load_manifest.tar", "go-containerregistry/tarball/test_image_2.tar",
            "go-containerregistry/tarball/test_bundle.tar", "go-containerregistry/tarball/test_link.tar",
            "go-containerregistry/mutate/whiteout_image.tar", "go-containerregistry/mutate/whiteout_dir.tar",
            "go-containerregistry/mutate/overwritten_file.tar", "go-containerregistry/mutate/source_image.tar",
            "go-containerregistry/layout/test_index_one_image.oci-layout.tar",
            "go-containerregistry/layout/test_index.oci-layout.tar",
            "go-containerregistry/layout/test_gc_index.oci-layout.tar",
            "go-containerregistry/layout/test_index_media_type.oci-layout.tar");

    static List<Path> testdataArchives() throws IOException {
        try (Stream<Path> s = Files.walk(Path.of("testdata"), 2)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tar")).sorted().toList();
        }
    }

    @Test
    void everyTestdataArchivePassesWithTheDigestsTheFactsRecord() throws Exception {
        List<Path> archives = testdataArchives();
        assertTrue(archives.size() >= 17, "testdata archives: " + archives);
        for (Path archive : archives) {
            CliRun run = CliRun.strata("verify", "--format", "json", archive.toString());
            assertEquals(0, run.code(), archive + ": " + run.out() + run.err());
            JsonNode doc = run.json();
            assertTrue(doc.path("passed").asBoolean(), archive.toString());
            assertEquals(sha256(Files.readAllBytes(archive)), doc.path("archive").path("sha256").asText(), archive.toString());
            Set<String> diffIds = new TreeSet<>();
            Set<String> blobs = new TreeSet<>();
            for (JsonNode image : doc.path("images")) {
                JsonNode layers = image.path("layers");
                // ChainID(L0) is DiffID(L0); every layer has one
                assertEquals(layers.get(0).path("diffId").asText(), layers.get(0).path("chainId").asText());
                for (JsonNode l : layers) {
                    assertEquals("ok", l.path("status").asText(), archive + " layer " + l);
                    diffIds.add(l.path("diffId").asText());
                    blobs.add(l.path("digest").asText());
                    assertEquals(l.path("configDiffId").asText(), l.path("diffId").asText());
                }
            }
            String facts = Files.readString(Facts.of(archive));
            Set<String> factDiffIds = digests(facts, "uncompressed_sha256 (diff_id): ");
            Set<String> factBlobs = digests(facts, "stored_sha256: ");
            assertEquals(factDiffIds, diffIds, archive + ": diff_ids");
            assertEquals(factBlobs, blobs, archive + ": stored blob digests");
        }
    }

    @Test
    void theValidThirdPartyArchivesPass() {
        Assumptions.assumeTrue(Files.isDirectory(THIRD_PARTY), "third-party fixtures not present: " + THIRD_PARTY);
        List<String> failed = new ArrayList<>();
        for (String name : VALID_THIRD_PARTY) {
            CliRun run = CliRun.strata("verify", "-q", THIRD_PARTY.resolve(name).toString());
            if (run.code() != 0) failed.add(name + " -> " + run.code() + ": " + run.out() + run.err());
        }
        assertEquals(List.of(), failed);
    }

    @Test
    void aConfigWhoseNameIsNotItsDigestFails() {
        Path archive = THIRD_PARTY.resolve("go-containerregistry/mutate/source_image_with_empty_layer_history.tar");
        Assumptions.assumeTrue(Files.exists(archive), "third-party fixtures not present");
        CliRun run = CliRun.strata("verify", archive.toString());
        assertEquals(1, run.code(), run.out());
        // the README: the file is named 6e0b0504... while its content has sha256 05b5ec12...
        assertTrue(run.out().contains("error: config-name-mismatch") && run.out().contains("sha256:05b5ec12"), run.out());
    }

    @Test
    void oneFlippedByteInALayerFailsNamingThatLayer(@TempDir Path tmp) throws Exception {
        Path copy = Files.copy(Path.of(CliRun.SAMPLE), tmp.resolve("flipped.tar"));
        String layer2 = layerName(copy, 2);
        flip(copy, layer2, 700_000); // inside big.bin's data
        CliRun run = CliRun.strata("verify", "--format", "json", copy.toString());
        assertEquals(1, run.code(), run.out());
        JsonNode f = finding(run.json(), "diffid-mismatch");
        assertEquals(2, f.path("layer").asInt());
        assertEquals(layer2, f.path("path").asText());
        assertEquals("mismatch", run.json().path("images").get(0).path("layers").get(2).path("status").asText());
        assertEquals("ok", run.json().path("images").get(0).path("layers").get(1).path("status").asText());
    }

    @Test
    void aFlippedByteInACompressedOciLayerIsADigestMismatch(@TempDir Path tmp) throws Exception {
        Path copy = Files.copy(Path.of("testdata/sample/sample.oci-layout-gzip.tar"), tmp.resolve("flipped.tar"));
        Facts.Layer big = Facts.read(Facts.of(Path.of("testdata/sample/sample.oci-layout-gzip.tar"))).layers().get(2);
        flip(copy, "sample/" + big.storedPath(), big.storedSize() / 2);
        CliRun run = CliRun.strata("verify", "--format", "json", copy.toString());
        assertEquals(1, run.code(), run.out());
        JsonNode f = finding(run.json(), "blob-digest-mismatch");
        assertEquals(2, f.path("layer").asInt());
        assertTrue(f.path("message").asText().contains(big.blobDigest()), f.toString());
    }

    @Test
    void anEditedDiffIdInTheConfigFailsNamingIt(@TempDir Path tmp) throws Exception {
        Path copy = Files.copy(Path.of(CliRun.SAMPLE), tmp.resolve("edited.tar"));
        Facts.Layer layer3 = Facts.read(Facts.of(Path.of(CliRun.SAMPLE))).layers().get(3);
        String configName = configName(copy);
        String edited = "sha256:" + "0".repeat(64);
        replaceInEntry(copy, configName, layer3.diffIdDigest(), edited);
        CliRun run = CliRun.strata("verify", "--format", "json", copy.toString());
        assertEquals(1, run.code(), run.out());
        JsonNode f = finding(run.json(), "diffid-mismatch");
        assertEquals(3, f.path("layer").asInt());
        assertTrue(f.path("message").asText().contains(edited), f.toString());
        // the config file is named by its old digest, which is also reported
        finding(run.json(), "config-name-mismatch");
    }

    @Test
    void podmansPlainLayersUnderAGzipMediaTypeAreAWarningNotAFailure() {
        CliRun run = CliRun.strata("verify", "--format", "json", "testdata/sample/sample.oci-layout-uncompressed.tar");
        assertEquals(0, run.code(), run.out());
        JsonNode f = finding(run.json(), "compression-mismatch");
        assertEquals("warning", f.path("severity").asText());
        assertTrue(f.path("message").asText().contains("application/vnd.oci.image.layer.v1.tar+gzip")
                && f.path("message").asText().contains("plain tar"), f.toString());
        assertEquals(9, run.json().path("warnings").asInt());
    }

    @Test
    void textOutputEndsWithTheResultAndQuietKeepsOnlyWhatMatters() {
        CliRun text = CliRun.strata("verify", "testdata/sample/sample.oci-layout-uncompressed.tar");
        assertTrue(text.out().contains("LAYER   STATUS"), text.out());
        assertTrue(text.out().strip().endsWith("RESULT    PASSED: 0 errors, 9 warnings, 0 info"), text.out());
        CliRun quiet = CliRun.strata("verify", "-q", CliRun.SAMPLE);
        assertEquals("RESULT    PASSED: 0 errors, 0 warnings, 0 info", quiet.out().strip());
    }

    @Test
    void unreadableInputIsExitTwo(@TempDir Path tmp) throws Exception {
        Path junk = Files.writeString(tmp.resolve("junk.tar"), "not a tar at all");
        CliRun run = CliRun.strata("verify", junk.toString());
        assertEquals(2, run.code());
        assertTrue(run.err().contains("junk.tar"), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
    }

    // ------------------------------------------------------------------ helpers

    /** Every "sha256:HEX" the facts give after {@code key} at the start of a line. */
    static Set<String> digests(String facts, String key) {
        Set<String> out = new TreeSet<>();
        for (String line : facts.split("\n")) {
            if (line.startsWith(key)) out.add("sha256:" + line.substring(key.length()).strip());
        }
        return out;
    }

    static JsonNode finding(JsonNode doc, String code) {
        List<JsonNode> all = new ArrayList<>();
        doc.path("findings").forEach(all::add);
        for (JsonNode image : doc.path("images")) image.path("findings").forEach(all::add);
        return all.stream().filter(f -> f.path("code").asText().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " finding in " + all));
    }

    static String sha256(byte[] bytes) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** The file name of layer {@code n} as the docker-archive's manifest.json lists it. */
    static String layerName(Path archive, int n) throws IOException {
        JsonNode manifest = new com.fasterxml.jackson.databind.ObjectMapper().readTree(entryBytes(archive, "manifest.json"));
        return manifest.get(0).path("Layers").get(n).asText();
    }

    static String configName(Path archive) throws IOException {
        JsonNode manifest = new com.fasterxml.jackson.databind.ObjectMapper().readTree(entryBytes(archive, "manifest.json"));
        return manifest.get(0).path("Config").asText();
    }

    static byte[] entryBytes(Path archive, String name) throws IOException {
        try (TarFile tar = new TarFile(archive)) {
            for (TarArchiveEntry e : tar.getEntries()) {
                if (e.getName().equals(name)) return tar.getInputStream(e).readAllBytes();
            }
        }
        throw new AssertionError(name + " not in " + archive);
    }

    static long dataOffset(Path archive, String name) throws IOException {
        try (TarFile tar = new TarFile(archive)) {
            for (TarArchiveEntry e : tar.getEntries()) {
                if (e.getName().equals(name)) return e.getDataOffset();
            }
        }
        throw new AssertionError(name + " not in " + archive);
    }

    /** Inverts one byte of an entry's data in place. */
    static void flip(Path archive, String entry, long offsetInEntry) throws IOException {
        long at = dataOffset(archive, entry) + offsetInEntry;
        try (RandomAccessFile f = new RandomAccessFile(archive.toFile(), "rw")) {
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0xff);
        }
    }

    /** Replaces text of the same length inside an entry, in place (the outer tar stays valid). */
    static void replaceInEntry(Path archive, String entry, String from, String to) throws IOException {
        assertEquals(from.length(), to.length());
        String content = new String(entryBytes(archive, entry), StandardCharsets.ISO_8859_1);
        int at = content.indexOf(from);
        assertTrue(at >= 0, from + " not in " + entry);
        try (RandomAccessFile f = new RandomAccessFile(archive.toFile(), "rw")) {
            f.seek(dataOffset(archive, entry) + at);
            f.write(to.getBytes(StandardCharsets.ISO_8859_1));
        }
    }
}
