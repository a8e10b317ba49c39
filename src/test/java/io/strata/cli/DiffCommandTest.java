package io.strata.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.strata.cli.DiffFacts.strata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --only, --stat, --ignore, --limit, the text layout and the exit codes of `strata diff`. */
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
        DiffFacts.Run run = strata("diff", V1, V2);
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
        DiffFacts.Run text = strata("diff", V1, V2, "--only", "layers,history");
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
        DiffFacts.Run run = strata("diff", V1, V2, "--stat");
        assertEquals(ExitCodes.FOUND, run.code());
        assertEquals(3, run.out().split("\n").length, run.out());
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
        DiffFacts.Run run = strata("diff", V1, V2, "--only", "files", "--limit", "2");
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
            DiffFacts.Run run = strata(args);
            assertEquals(ExitCodes.BAD_INPUT, run.code(), String.join(" ", args) + ": " + run.out() + run.err());
            assertTrue(run.err().startsWith("strata: "), run.err());
            assertEquals("", run.out(), "nothing on stdout for " + String.join(" ", args));
        }
        assertTrue(strata("diff", PAIR + "#ctest/nope:1", PAIR + "#1").err().contains("side A"), "says which side");
        assertTrue(strata("diff", V1, dir.resolve("missing.tar").toString()).err().contains("missing.tar"));
    }
}
