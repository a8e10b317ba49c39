package io.strata.cli;

import io.strata.session.ExitCodes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.strata.cli.CliRun.strata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `strata report` without a browser: what it writes, where, and the data the page embeds. */
class ReportCommandTest {
    private static final String V1 = "testdata/versions/webapp-v1.docker-save.tar";
    private static final String V2 = "testdata/versions/webapp-v2.docker-save.tar";

    @TempDir
    Path dir;

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** The JSON the page embeds for its script. */
    static JsonNode embedded(String html) throws Exception {
        Matcher m = Pattern.compile("<script type=\"application/json\" id=\"strata-data\">(.*?)</script>", Pattern.DOTALL)
                .matcher(html);
        assertTrue(m.find(), "no embedded data");
        return new ObjectMapper().readTree(m.group(1));
    }

    @Test
    void writesOnlyTheNamedFileAndItsDataMatchesTheCommands() throws Exception {
        Path out = dir.resolve("report.html");
        CliRun r = strata("report", CliRun.SAMPLE, "-o", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertEquals(List.of(out), files(dir));
        assertTrue(r.out().startsWith("wrote " + out), r.out());
        String html = Files.readString(out);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        JsonNode data = embedded(html);
        assertEquals("image", data.path("kind").asText());
        JsonNode inspect = strata("inspect", "--format", "json", CliRun.SAMPLE).json().path("images").get(0);
        JsonNode waste = strata("waste", "--format", "json", CliRun.SAMPLE).json();
        JsonNode advise = strata("advise", "--format", "json", CliRun.SAMPLE).json();
        JsonNode s = data.path("summary");
        assertEquals(inspect.path("logicalBytes").asLong(), s.path("logicalBytes").asLong());
        assertEquals(waste.path("squashedBytes").asLong(), s.path("squashedBytes").asLong());
        assertEquals(waste.path("wastedBytes").asLong(), s.path("wastedBytes").asLong());
        assertEquals(waste.path("efficiency").asDouble(), s.path("efficiency").asDouble());
        assertEquals(waste.path("duplicateBytes").asLong(), s.path("duplicateBytes").asLong());
        assertEquals(advise.path("bytesSaved").asLong(), s.path("bytesSaved").asLong());
        assertEquals(advise.path("advice"), data.path("advice").path("advice"));
        assertEquals(inspect.path("layers").size(), data.path("layers").size());
        assertEquals(waste.path("wasted").get(0).path("path").asText(),
                data.path("waste").path("wasted").get(0).path("path").asText());
        assertEquals(s.path("squashedBytes").asLong() - symlinkBytes(CliRun.SAMPLE),
                data.path("tree").path("s").asLong(), "the treemap holds the regular files' bytes");
    }

    /** Bytes of visible symlink targets, which squashedBytes counts and the treemap does not draw. */
    private static long symlinkBytes(String archive) {
        long sum = 0;
        for (JsonNode f : strata("files", "--format", "json", archive).json().path("files")) {
            if (f.path("type").asText().equals("symlink")) sum += f.path("linkTarget").asText().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
        return sum;
    }

    @Test
    void packagesSectionHoldsTheInventoryWithDpkgQuerysPackagesAndTheirInstallingLayers() throws Exception {
        String archive = "testdata/packages/dpkg-layers.oci-archive.tar";
        Path out = dir.resolve("packages.html");
        CliRun r = strata("report", archive, "-o", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        JsonNode rows = embedded(Files.readString(out)).path("packages");
        assertEquals(strata("packages", "--format", "json", archive).json().path("packages"), rows,
                "the section's rows are the inventory `strata packages` prints");

        // and that inventory is dpkg-query's: each layer's own database names the layer that installed a package
        PackageFacts facts = PackageFacts.read(archive + ".packages.txt");
        List<Map<String, String>> perLayer = new ArrayList<>();
        for (int n = 0; facts.has("layer " + n + ": dpkg-query"); n++) {
            Map<String, String> versions = new TreeMap<>();
            for (String line : facts.section("layer " + n + ": dpkg-query")) {
                String[] f = line.split(" ");
                versions.put(f[0], f[1]);
            }
            perLayer.add(versions);
        }
        int top = perLayer.size() - 1;
        Map<String, String> shown = new TreeMap<>();
        for (JsonNode p : rows) {
            String name = p.path("name").asText();
            shown.put(name, p.path("version").asText());
            int installed = top;
            while (installed > 0 && perLayer.get(installed - 1).containsKey(name)) installed--;
            assertEquals(installed, p.path("layer").path("index").asInt(), name);
            assertEquals("deb", p.path("ecosystem").asText(), name);
        }
        assertEquals(perLayer.get(top), shown);
    }

    @Test
    void findingsAreVerifysUnlessNoVerify() throws Exception {
        String podman = "testdata/sample/sample.oci-layout-uncompressed.tar"; // plain tars that claim +gzip
        Path out = dir.resolve("v.html");
        assertEquals(ExitCodes.OK, strata("report", podman, "-o", out.toString()).code());
        JsonNode data = embedded(Files.readString(out));
        JsonNode verify = strata("verify", "--format", "json", podman).json();
        JsonNode f = data.path("summary").path("findings");
        assertTrue(verify.path("warnings").asLong() > 0);
        for (String k : List.of("errors", "warnings", "infos")) assertEquals(verify.path(k).asLong(), f.path(k).asLong(), k);
        assertTrue(data.path("verified").asBoolean());
        assertEquals(verify.path("archive").path("sha256").asText(), data.path("archiveSha256").asText());

        assertEquals(ExitCodes.OK, strata("report", "--no-verify", podman, "-o", out.toString()).code());
        JsonNode scanned = embedded(Files.readString(out));
        assertFalse(scanned.path("verified").asBoolean());
        assertTrue(scanned.path("archiveSha256").isNull());
    }

    @Test
    void twoArchivesMakeADiffPageWithTheDiffSummary() throws Exception {
        Path out = dir.resolve("diff.html");
        CliRun r = strata("report", V1, V2, "-o", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        JsonNode data = embedded(Files.readString(out));
        assertEquals("diff", data.path("kind").asText());
        JsonNode diff = strata("diff", "--format", "json", "--by", "folder", V1, V2).json();
        assertEquals(diff.path("summary"), data.path("diff").path("summary"));
        // every changed path, each row as diff prints it but for what the page does not show (content digests,
        // mtimes) and its build steps, written once in "steps" and named by their number
        JsonNode steps = data.path("steps");
        com.fasterxml.jackson.databind.node.ArrayNode expected = diff.path("files").deepCopy();
        for (JsonNode row : expected) {
            for (String side : List.of("before", "after")) {
                if (row.path(side).isObject()) ((com.fasterxml.jackson.databind.node.ObjectNode) row.path(side)).remove(List.of("sha256", "mtime"));
            }
        }
        com.fasterxml.jackson.databind.node.ArrayNode shown = data.path("diff").path("files").deepCopy();
        for (JsonNode row : shown) {
            // the owning package is the page's own addition (diffPageRowsNameTheirDpkgPackage checks it)
            ((com.fasterxml.jackson.databind.node.ObjectNode) row).remove("package");
            for (String side : List.of("before", "after", "removedBy")) {
                JsonNode step = row.path(side).path("createdBy");
                if (step.isInt()) ((com.fasterxml.jackson.databind.node.ObjectNode) row.path(side)).put("createdBy", steps.get(step.asInt()).asText());
            }
        }
        assertEquals(expected, shown);
        assertTrue(steps.size() > 0);
        assertTrue(diff.path("folders").size() > 0, diff.toString());
        assertEquals(diff.path("folders"), data.path("diff").path("folders"), "the page shows the per-folder totals");
        long v1 = strata("inspect", "--format", "json", V1).json().path("images").get(0).path("logicalBytes").asLong();
        assertEquals(v1, data.path("sides").get(0).path("logicalBytes").asLong());
    }

    @Test
    void dashWritesThePageToStandardOutput() throws Exception {
        CliRun r = strata("report", CliRun.SAMPLE, "-o", "-");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().startsWith("<!DOCTYPE html>"));
        assertEquals("ctest/sample:1.0", embedded(r.out()).path("image").path("name").asText());
    }

    @Test
    void badOutputsAndInputsAreExitTwoAndWriteNothing() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        assertEquals(ExitCodes.BAD_INPUT, strata("report", CliRun.SAMPLE, "-o", sub.toString()).code());
        assertEquals(ExitCodes.BAD_INPUT, strata("report", CliRun.SAMPLE, "-o", dir.resolve("no/such/x.html").toString()).code());
        assertEquals(ExitCodes.BAD_INPUT, strata("report", CliRun.SAMPLE).code(), "-o is required");
        CliRun pair = strata("report", "testdata/pair/pair.docker-save.tar", "-o", dir.resolve("p.html").toString());
        assertEquals(ExitCodes.BAD_INPUT, pair.code());
        assertTrue(pair.err().contains("--image"), pair.err());
        assertEquals(ExitCodes.BAD_INPUT, strata("report", dir.resolve("missing.tar").toString(), "-o",
                dir.resolve("m.html").toString()).code());
        assertFalse(Files.exists(dir.resolve("p.html")) || Files.exists(dir.resolve("m.html")));
        assertTrue(files(dir).isEmpty());
    }

    @Test
    void imageOfAMultiImageArchiveIsChosenWithImage() throws Exception {
        Path out = dir.resolve("b.html");
        CliRun r = strata("report", "--image", "ctest/app-b:1.0", "testdata/pair/pair.docker-save.tar", "-o", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertEquals("ctest/app-b:1.0", embedded(Files.readString(out)).path("image").path("name").asText());
    }

    /**
     * The diff page names the package owning each changed path: every path dpkg-query -L lists in the dpkg image
     * (the facts) is removed in a diff to the sample and carries that package; a file no package lists, none.
     */
    @Test
    void diffPageRowsNameTheirDpkgPackage() throws Exception {
        String dpkg = "testdata/packages/dpkg-layers.oci-archive.tar";
        Map<String, String> owner = new TreeMap<>();
        boolean inList = false;
        for (String line : Files.readAllLines(Path.of(dpkg + ".packages.txt"))) {
            if (line.startsWith("== ")) {
                inList = line.startsWith("== top: dpkg-query -L");
                continue;
            }
            String[] f = line.trim().split(" ");
            if (inList && f.length == 4) owner.put(f[1], "deb/" + f[0]);
        }
        assertTrue(owner.size() > 50, owner.toString());
        Path out = dir.resolve("pkg-diff.html");
        CliRun r = strata("report", dpkg, CliRun.SAMPLE, "-o", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        int named = 0;
        for (JsonNode row : embedded(Files.readString(out)).path("diff").path("files")) {
            String path = row.path("path").asText();
            if (!row.path("change").asText().equals("removed")) continue;
            if (owner.containsKey(path)) {
                assertEquals(owner.get(path), row.path("package").asText(), path);
                named++;
            } else if (!row.path("before").path("type").asText().equals("dir")) {
                assertTrue(row.path("package").isMissingNode(), path + ": " + row.path("package"));
            }
        }
        assertTrue(named > 50, "rows named by dpkg -L: " + named);
    }
}
