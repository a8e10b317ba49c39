package io.strata.cli;

import io.strata.session.ExitCodes;
import com.fasterxml.jackson.databind.JsonNode;
import io.strata.testing.ImageBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.strata.cli.CliRun.strata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdviseCommandTest {
    @TempDir
    Path dir;

    @Test
    void jsonListsTheSampleAdviceSortedByBytes() {
        CliRun r = strata("advise", "--format", "json", CliRun.SAMPLE);
        assertEquals(ExitCodes.OK, r.code(), r.err());
        JsonNode doc = r.json();
        assertEquals(1, doc.path("schemaVersion").asInt());
        JsonNode advice = doc.path("advice");
        List<String> rules = new ArrayList<>();
        long previous = Long.MAX_VALUE;
        long imageBytes = 0;
        for (JsonNode a : advice) {
            rules.add(a.path("rule").asText());
            assertTrue(a.path("bytesSaved").asLong() <= previous, "sorted by bytes");
            previous = a.path("bytesSaved").asLong();
            if (a.path("saving").asText().equals("image")) imageBytes += previous;
            assertTrue(a.path("evidence").size() > 0 && !a.path("fix").asText().isEmpty());
        }
        assertEquals(imageBytes, doc.path("bytesSaved").asLong());
        assertEquals(List.of("deleted-later", "deleted-later", "deleted-later", "duplicates", "copy-up", "tiny-layers"),
                rules);
        JsonNode big = advice.get(0).path("evidence").get(0);
        assertEquals("/opt/app/data/big.bin", big.path("path").asText());
        assertEquals(1048576, big.path("bytes").asLong());
        assertEquals(2, big.path("layer").asInt());
    }

    @Test
    void textNamesEvidenceStepsAndFix() {
        CliRun r = strata("advise", CliRun.SAMPLE);
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().startsWith("ctest/sample:1.0: 6 pieces of advice; 1.05MB of 3.03MB"), r.out());
        assertTrue(r.out().contains("1. 1.05MB  deleted-later  /opt/app/data/big.bin created in layer 2, deleted in layer 5"));
        assertTrue(r.out().contains("layer 7: RUN chmod 600 /opt/app/conf/app.conf"));
        assertTrue(r.out().contains("fix: Set mode and owner where the files are created"));
    }

    /**
     * A build-tools remark that measures nothing (zlib1g kept as zlib1g-dev's runtime half: apt-mark showauto and
     * Depends in testdata/advice/toolchain.oci-archive.tar.facts.txt) reads as a note in text, with no "0B" figure,
     * and carries null bytes and files in JSON.
     */
    @Test
    void aRemarkWithNoBytesReadsAsANoteNotAZeroByteRow() {
        String toolchain = "testdata/advice/toolchain.oci-archive.tar";
        CliRun text = strata("advise", "--no-trunc", toolchain);
        assertEquals(ExitCodes.OK, text.code(), text.err());
        List<String> kept = text.out().lines().filter(l -> l.contains("runtime half")).toList();
        assertEquals(List.of("    note: kept, as the runtime half of a -dev package: zlib1g"), kept, text.out());
        assertTrue(text.out().lines().noneMatch(l -> l.matches(".*\\s0B\\s.*")), text.out());
        JsonNode note = null;
        for (JsonNode a : strata("advise", "--format", "json", toolchain).json().path("advice")) {
            if (!a.path("rule").asText().equals("build-tools")) continue;
            for (JsonNode e : a.path("evidence")) if (e.path("note").asText().contains("runtime half")) note = e;
            long measured = 0;
            for (JsonNode e : a.path("evidence")) measured += e.path("bytes").asLong();
            assertEquals(a.path("bytesSaved").asLong(), measured, a.toString());
        }
        assertTrue(note != null && note.path("bytes").isNull() && note.path("files").isNull()
                && note.path("path").isNull() && note.path("layer").isNull(), String.valueOf(note));
    }

    @Test
    void minBytesLeavesOutSmallAdviceButKeepsLayerAdvice() {
        JsonNode doc = strata("advise", "--format", "json", "--min-bytes", "1000", CliRun.SAMPLE).json();
        List<String> rules = new ArrayList<>();
        doc.path("advice").forEach(a -> rules.add(a.path("rule").asText()));
        assertEquals(List.of("deleted-later", "tiny-layers"), rules);
    }

    @Test
    void devPackagesAreReadFromTheDpkgStatusFileInTheImage() throws Exception {
        Path tar = new ImageBuilder()
                .layer("/bin/sh -c #(nop) ADD file:ab in / ").file("bin/sh", 100)
                .file("var/lib/dpkg/status", "Package: libc6\nStatus: install ok installed\n\n"
                        + "Package: zlib1g-dev\nStatus: install ok installed\nVersion: 1:1.2.13\n").done()
                .layer("/bin/sh -c apt-get install -y zlib1g-dev").file("usr/include/zlib.h", 2000).done()
                .write(dir, "dev.tar");
        CliRun r = strata("advise", "--format", "json", tar.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        JsonNode tools = r.json().path("advice").get(0);
        assertEquals("build-tools", tools.path("rule").asText());
        assertEquals(2000, tools.path("bytesSaved").asLong());
        assertTrue(tools.toString().contains("1 -dev package: zlib1g-dev"), tools.toString());
    }

    /** The CLI's scan path runs the npm reader: the shop pair's devDependency is named with its bytes (npm ls). */
    @Test
    void jsonNamesTheDevDependenciesOfTheShopPairWithTheirBytes() throws Exception {
        CliRun r = strata("advise", "--format", "json", "--image", "localhost/strata-advice-shop:bad",
                "testdata/advice/shop.podman-docker-archive.tar.zst");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        JsonNode dev = null;
        for (JsonNode a : r.json().path("advice")) if (a.path("rule").asText().equals("dev-dependencies")) dev = a;
        assertTrue(dev != null, r.out());
        assertEquals(1, dev.path("evidence").size(), dev.toString());
        JsonNode prettier = dev.path("evidence").get(0);
        assertEquals("npm/prettier 3.3.3", prettier.path("path").asText());
        // the facts file: npm ls names prettier 3.3.3 dev; python's tarfile sums its 53 files' bytes in the layers
        String facts = java.nio.file.Files.readString(Path.of("testdata/advice/shop.podman-docker-archive.tar.zst.facts.txt"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^npm\\+symlinks prettier (\\d+) (\\d+)$")
                .matcher(facts.substring(0, facts.indexOf("\n## good\n")));
        assertTrue(m.find());
        assertEquals(Long.parseLong(m.group(2)), prettier.path("bytes").asLong());
        assertEquals(Long.parseLong(m.group(2)), dev.path("bytesSaved").asLong());
        assertEquals(Integer.parseInt(m.group(1)), prettier.path("files").asInt());
    }

    @Test
    void secretsAreSecurityFindingsInJsonAndText() throws Exception {
        Path tar = new ImageBuilder()
                .layer("/bin/sh -c #(nop) COPY dir:ab in /app ").file("app/.env", "TOKEN=abc\n").file("app/main.py", 50)
                .done().write(dir, "secret.tar");
        CliRun json = strata("advise", "--format", "json", tar.toString());
        JsonNode finding = json.json().path("findings").get(0);
        assertEquals("secret-file", finding.path("code").asText());
        assertEquals("/app/.env", finding.path("path").asText());
        assertEquals(0, finding.path("layer").asInt());
        CliRun text = strata("advise", tar.toString());
        assertTrue(text.out().contains("1 security finding"), text.out());
        assertTrue(text.out().contains("warning: secret-file layer 0 /app/.env"), text.out());
    }

    @Test
    void anImageWithNothingToAdviseSaysSo() throws Exception {
        Path tar = new ImageBuilder().layer("/bin/sh -c #(nop) ADD file:ab in / ").file("bin/sh", 100).done()
                .write(dir, "clean.tar");
        CliRun r = strata("advise", tar.toString());
        assertEquals(ExitCodes.OK, r.code());
        assertEquals("test/image:1.0: no advice; nothing wasteful found.", r.out().strip());
    }

    @Test
    void badInputIsExitTwo() {
        assertEquals(ExitCodes.BAD_INPUT, strata("advise", dir.resolve("missing.tar").toString()).code());
        assertEquals(ExitCodes.BAD_INPUT, strata("advise", "--min-bytes", "-1", CliRun.SAMPLE).code());
        CliRun pair = strata("advise", "testdata/pair/pair.docker-save.tar");
        assertEquals(ExitCodes.BAD_INPUT, pair.code());
        assertTrue(pair.err().contains("--image"), pair.err());
    }
}
