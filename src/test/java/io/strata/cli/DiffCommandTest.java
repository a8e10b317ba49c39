package io.strata.cli;

import io.strata.session.ExitCodes;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static io.strata.cli.CliRun.strata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --only, --stat, --ignore, --limit, --verify-shared, the text layout and the exit codes of `strata diff`. */
class DiffCommandTest {
    private static final String V1 = DiffFacts.DATA.resolve("versions/webapp-v1.docker-save.tar").toString();
    private static final String V2 = DiffFacts.DATA.resolve("versions/webapp-v2.docker-save.tar").toString();
    private static final String PAIR = DiffFacts.DATA.resolve("pair/pair.docker-save.tar").toString();

    private static List<String> paths(JsonNode doc) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : doc.path("files")) out.add(f.path("path").asText());
        return out;
    }

    @Test
    void textStartsWithTheSummaryLineThenSidesAndSortedSections() {
        CliRun run = strata("diff", V1, V2);
        assertEquals(ExitCodes.FOUND, run.code(), run.err());
        String[] lines = run.out().split("\n");
        assertTrue(lines[0].startsWith("2 added, 2 removed, 3 modified, 0 metadata-only (+1.35kB -1.34kB)"), lines[0]);
        assertTrue(lines[1].startsWith("A: " + V1), lines[1]);
        assertTrue(lines[2].startsWith("B: " + V2), lines[2]);
        int config = run.out().indexOf("\nCONFIG (3 changes)");
        int layers = run.out().indexOf("\nLAYERS (common base: 1 layer");
        int history = run.out().indexOf("\nHISTORY (");
        int files = run.out().indexOf("\nFILES (7 paths)");
        assertTrue(config > 0 && config < layers && layers < history && history < files, run.out());
        int conf = run.out().indexOf("/etc/webapp/webapp.conf");
        int jar = run.out().indexOf("/usr/share/webapp/lib/libexample-1.4.2.jar");
        int status = run.out().indexOf("/var/lib/dpkg/status");
        assertTrue(files < conf && conf < jar && jar < status, "paths sorted");
    }

    @Test
    void onlyLimitsTheSectionsAndTheExitCode() throws Exception {
        JsonNode config = strata("diff", V1, V2, "--only", "config", "--format", "json").json();
        assertTrue(config.has("config"));
        assertFalse(config.has("files") || config.has("layers") || config.has("history"), config.toString());
        CliRun text = strata("diff", V1, V2, "--only", "layers,history");
        assertFalse(text.out().contains("FILES") || text.out().contains("CONFIG"), text.out());
        assertTrue(text.out().contains("LAYERS") && text.out().contains("HISTORY"), text.out());
        // two rebuilds of the same files: only the layers differ, so files alone compare equal
        String docker = DiffFacts.DATA.resolve("sample/sample.docker-save.tar").toString();
        String podman = DiffFacts.DATA.resolve("sample/sample.podman-built.oci-archive.tar").toString();
        assertEquals(ExitCodes.FOUND, strata("diff", docker, podman, "--only", "layers").code());
        assertEquals(ExitCodes.OK, strata("diff", docker, podman, "--only", "files", "--ignore", "/etc/h*",
                "--ignore", "/etc/resolv.conf", "--ignore", "/dev/**", "--ignore", "/proc/**", "--ignore", "/run/**",
                "--ignore", "/sys/**").code());
    }

    @Test
    void statPrintsCountsAndBytesOnly() throws Exception {
        CliRun run = strata("diff", V1, V2, "--stat");
        assertEquals(ExitCodes.FOUND, run.code());
        assertEquals(3, run.out().lines().filter(l -> !l.startsWith("note: ")).count(), run.out());
        JsonNode doc = strata("diff", V1, V2, "--stat", "--format", "json").json();
        assertFalse(doc.has("files"));
        JsonNode s = doc.path("summary");
        assertEquals(2, s.path("added").asInt());
        assertEquals(2, s.path("removed").asInt());
        assertEquals(3, s.path("modified").asInt());
        // facts listings: +28 (feature.txt) +1312 (1.4.3 jar) +12 (index.html 22 -> 34); -29 (legacy.txt) -1312
        assertEquals(28 + 1312 + 12, s.path("bytesAdded").asLong());
        assertEquals(29 + 1312, s.path("bytesRemoved").asLong());
    }

    @Test
    void ignoreLeavesOutMatchingPaths() throws Exception {
        JsonNode doc = strata("diff", V1, V2, "--only", "files", "--ignore", "/usr/share/webapp/lib/**",
                "--ignore", "*.html", "--format", "json").json();
        assertEquals(List.of("/etc/webapp/webapp.conf", "/usr/share/webapp/feature.txt", "/usr/share/webapp/legacy.txt",
                "/var/lib/dpkg/status"), paths(doc));
    }

    @Test
    void limitCapsLongLists() throws Exception {
        CliRun run = strata("diff", V1, V2, "--only", "files", "--limit", "2");
        assertTrue(run.out().contains("... 5 more (--limit 0 shows all)"), run.out());
        JsonNode doc = strata("diff", V1, V2, "--only", "files", "--limit", "2", "--format", "json").json();
        assertEquals(2, doc.path("files").size());
        assertEquals(5, doc.path("filesOmitted").asInt());
        assertEquals(7, doc.path("summary").path("added").asInt() + doc.path("summary").path("removed").asInt()
                + doc.path("summary").path("modified").asInt(), "the summary still counts everything");
    }

    @Test
    void identicalIsZeroDifferentIsOne() {
        assertEquals(ExitCodes.OK, strata("diff", V1, V1).code());
        assertEquals(ExitCodes.OK, strata("diff", PAIR + "#0", PAIR + "#ctest/app-a:1.0").code());
        assertEquals(ExitCodes.FOUND, strata("diff", PAIR + "#0", PAIR + "#1").code());
    }

    /** One layer holding /etc/passwd with this content, as a plain tar. */
    private static byte[] passwdLayer(String content) throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            byte[] data = content.getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry e = new TarArchiveEntry("etc/passwd");
            e.setSize(data.length);
            tar.putArchiveEntry(e);
            tar.write(data);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    /** A legacy docker-archive of one image with one layer whose config claims {@code diffId}. */
    private static Path dockerArchive(Path file, byte[] layer, String diffId) throws Exception {
        String config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\","
                + "\"diff_ids\":[\"" + diffId + "\"]},\"history\":[{\"created_by\":\"COPY passwd\"}]}";
        String manifest = "[{\"Config\":\"config.json\",\"RepoTags\":[\"t:1\"],\"Layers\":[\"l0/layer.tar\"]}]";
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(file))) {
            for (var entry : List.of(Map.entry("config.json", config.getBytes(StandardCharsets.UTF_8)),
                    Map.entry("l0/layer.tar", layer), Map.entry("manifest.json", manifest.getBytes(StandardCharsets.UTF_8)))) {
                TarArchiveEntry e = new TarArchiveEntry(entry.getKey());
                e.setSize(entry.getValue().length);
                tar.putArchiveEntry(e);
                tar.write(entry.getValue());
                tar.closeArchiveEntry();
            }
        }
        return file;
    }

    @Test
    void aLayerThatLiesAboutItsDiffIdIsCaughtWithVerifyShared(@TempDir Path dir) throws Exception {
        byte[] good = passwdLayer("root:x:0:0\n");
        byte[] evil = passwdLayer("root::0:0:\n");
        String claim = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(good));
        String a = dockerArchive(dir.resolve("good.tar"), good, claim).toString();
        String b = dockerArchive(dir.resolve("evil.tar"), evil, claim).toString();

        // B's blob claims A's diffId but hashes otherwise: even without --verify-shared it is read, and said
        CliRun hashed = strata("diff", a, b);
        assertEquals(ExitCodes.FOUND, hashed.code(), hashed.out() + hashed.err());
        assertTrue(hashed.err().contains("diffId " + claim), hashed.err());

        CliRun verified = strata("diff", a, b, "--verify-shared", "--format", "json");
        assertEquals(ExitCodes.FOUND, verified.code(), verified.err());
        assertEquals(List.of("/etc/passwd"), paths(verified.json()));
        assertEquals("modified", verified.json().path("files").get(0).path("change").asText());
        assertTrue(verified.json().path("notes").toString().contains("side B layer 0: its content is"),
                verified.json().path("notes").toString());
    }

    @Test
    void badInputIsTwoWithAOneLineMessage(@TempDir Path dir) throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.tar"), "not a tar at all");
        List<String[]> bad = List.of(
                new String[]{"diff", V1, dir.resolve("missing.tar").toString()},
                new String[]{"diff", V1, junk.toString()},
                new String[]{"diff", V1, V2, "--only", "everything"},
                new String[]{"diff", PAIR},
                new String[]{"diff", PAIR + "#ctest/nope:1", PAIR + "#1"},
                new String[]{"diff", PAIR + "#0", PAIR + "#1", "--image-a", "1"},
                new String[]{"diff", V1, V2, "--timestamps", "--ignore-timestamps"},
                new String[]{"diff", V1, V2, "--ignore", "/x[ab"},
                new String[]{"diff", V1, V2, "--limit", "-1"},
                new String[]{"diff", V1, V2, "--platform-b", "arm64"},
                new String[]{"diff", V1, V2, PAIR});
        for (String[] args : bad) {
            CliRun run = strata(args);
            assertEquals(ExitCodes.BAD_INPUT, run.code(), String.join(" ", args) + ": " + run.out() + run.err());
            assertTrue(run.err().startsWith("strata: "), run.err());
            assertEquals("", run.out(), "nothing on stdout for " + String.join(" ", args));
        }
        assertTrue(strata("diff", PAIR + "#ctest/nope:1", PAIR + "#1").err().contains("side A"), "says which side");
        assertTrue(strata("diff", V1, dir.resolve("missing.tar").toString()).err().contains("missing.tar"));
    }
}
