package io.strata.cli;

import io.strata.report.SetWriter;
import io.strata.session.SetRunner;
import io.strata.session.Workspace;
import io.strata.session.ExitCodes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.report.Sizes;
import io.strata.testing.Facts;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.strata.cli.CliRun.strata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 7.3: every one-image command over several archives, or a folder of them, as one set. Each image's report
 * equals the one-archive run's, the set's figures follow from the facts and the tar bytes, and a layer the archives
 * share is scanned once.
 */
class ManyArchivesTest {
    private static final String V1 = "testdata/versions/webapp-v1.docker-save.tar";
    private static final String V2 = "testdata/versions/webapp-v2.docker-save.tar";
    private static final String VERSIONS = "testdata/versions";
    private static final String PAIR = "testdata/pair/pair.docker-save.tar";

    // ---- the set's figures, from the facts and the tar bytes ----

    @Test
    void inspectCountsEachDistinctFileContentOnce() throws Exception {
        long dedup = contentDedupBytes(List.of(V1, V2));
        long separately = contentDedupBytes(List.of(V1)) + contentDedupBytes(List.of(V2));
        assertTrue(dedup < separately, "the versions share the busybox base and logo.txt");
        JsonNode json = strata("inspect", "--format", "json", V1, V2).json();
        assertEquals(dedup, json.path("contentDedupBytes").asLong());
        assertEquals(contentDedupBytes(List.of(PAIR)), strata("inspect", "--format", "json", PAIR).json()
                .path("contentDedupBytes").asLong(), "two images of one archive are a set too");
        String text = strata("inspect", V1, V2).out();
        assertTrue(text.contains(Sizes.human(dedup) + " distinct file content"), text);
    }

    @Test
    void wasteOverSeveralArchivesReportsEachImageAsAloneAndTheSet() throws Exception {
        CliRun run = strata("waste", "--format", "json", V1, V2, PAIR);
        assertEquals(ExitCodes.OK, run.code(), run.err());
        JsonNode doc = run.json();
        assertEquals(1, doc.path("schemaVersion").asInt());
        assertEquals(List.of(V1, V2, PAIR), texts(doc.path("archives"), "path"));
        JsonNode images = doc.path("images");
        assertEquals(4, images.size(), "one image in each version, two in the pair archive");
        List<String[]> expected = List.of(new String[]{V1, "0"}, new String[]{V2, "0"}, new String[]{PAIR, "0"},
                new String[]{PAIR, "1"});
        long wasted = 0;
        for (int i = 0; i < expected.size(); i++) {
            String archive = expected.get(i)[0];
            String position = expected.get(i)[1];
            JsonNode image = images.get(i);
            assertEquals(archive, image.path("archive").asText());
            assertEquals(position, image.path("position").asText());
            assertSameReport(strata("waste", "--format", "json", archive, "--image", position), image,
                    archive + " [" + position + "]");
            assertEquals(logicalBytes(archive, Integer.parseInt(position)), image.path("logicalBytes").asLong());
            wasted += image.path("wastedBytes").asLong();
        }
        JsonNode set = doc.path("set");
        assertEquals(3, set.path("archives").asInt());
        assertEquals(4, set.path("images").asInt());
        long logical = 0;
        for (String[] e : expected) logical += logicalBytes(e[0], Integer.parseInt(e[1]));
        assertEquals(logical, set.path("logicalBytes").asLong());
        assertEquals(realBytes(List.of(V1, V2, PAIR)), set.path("realBytes").asLong(), "each distinct layer once");
        assertEquals(contentDedupBytes(List.of(V1, V2, PAIR)), set.path("contentDedupBytes").asLong());
        assertEquals(wasted, set.path("wastedBytes").asLong());
        assertTrue(wasted > 0, "app-b deletes a base file");
        assertEquals(0, doc.path("failures").size());
    }

    @Test
    void aFolderIsTheSetOfTheArchivesInIt() {
        CliRun folder = strata("waste", VERSIONS);
        CliRun listed = strata("waste", V1, V2);
        assertEquals(ExitCodes.OK, folder.code(), folder.err());
        assertEquals(listed.out(), folder.out());
        String text = folder.out();
        int first = text.indexOf("==> " + V1 + " [0] ctest/webapp:1.0");
        int second = text.indexOf("==> " + V2 + " [0] ctest/webapp:2.0");
        int set = text.indexOf("Set: 2 archives, 2 images: ");
        assertTrue(first == 0 && first < second && second < set, "each image under its header, the set last:\n" + text);
        // the one-archive text stands unchanged under each header
        String alone = strata("waste", V1).out();
        assertEquals(alone, text.substring(text.indexOf('\n', first) + 1, second - 1));
        assertTrue(text.contains(Sizes.human(realBytes(List.of(V1, V2))) + " real (each layer once)"), text);
    }

    @Test
    void aSharedLayerIsScannedOnceForTheWholeSet() throws Exception {
        Set<String> diffIds = new HashSet<>();
        int references = 0;
        for (String a : List.of(V1, V2, PAIR)) {
            for (Facts.Layer l : Facts.read(Facts.of(Path.of(a))).layers()) {
                diffIds.add(l.diffId());
                references++;
            }
        }
        assertTrue(diffIds.size() < references - 3, "the base is shared across archives, not only inside pair");
        InputOptions options = CommandLine.populateCommand(new InputOptions(), "--no-cache");
        try (Workspace ws = new Workspace(options.options())) {
            StringWriter out = new StringWriter();
            int code = SetRunner.images(ws, List.of(V1, V2, PAIR), false, new SetWriter(true, new PrintWriter(out),
                    new PrintWriter(new StringWriter())), (a, image, report) -> {
                        ws.analyse(a, image).tree(); // what files, waste and ci read
                        report.json(Map.of("layers", image.layers().size()));
                        return ExitCodes.OK;
                    });
            assertEquals(ExitCodes.OK, code);
            assertEquals(diffIds.size(), ws.loader().scans(), references + " references, each distinct layer scanned once");
        }
    }

    // ---- each command over a set ----

    @Test
    void historyOfAFolderIsEachImagesHistory() {
        CliRun run = strata("history", "--format", "json", "--human=false", VERSIONS);
        assertEquals(ExitCodes.OK, run.code(), run.err());
        JsonNode images = run.json().path("images");
        assertEquals(2, images.size());
        for (int i = 0; i < 2; i++) {
            String archive = List.of(V1, V2).get(i);
            assertSameReport(strata("history", "--format", "json", "--human=false", archive), images.get(i), archive);
            Facts.History docker = Facts.read(Facts.of(Path.of(archive))).dockerHistory().get(0);
            assertEquals(docker.imageId(), images.get(i).path("id").asText());
            List<Long> sizes = new ArrayList<>();
            for (JsonNode row : images.get(i).path("history")) sizes.add(row.path("size").asLong());
            assertEquals(docker.rows().stream().map(Facts.HistoryRow::size).toList(), sizes, archive);
        }
        String text = strata("history", V1, V2).out();
        assertTrue(text.contains("==> " + V1) && text.contains("==> " + V2) && text.contains("Set: 2 archives"), text);
    }

    @Test
    void filesOfSeveralArchivesUnderOnePath() {
        CliRun run = strata("files", "--format", "json", "--path", "/etc/webapp", V1, V2);
        assertEquals(ExitCodes.OK, run.code(), run.err());
        JsonNode images = run.json().path("images");
        assertEquals(2, images.size());
        for (int i = 0; i < 2; i++) {
            String archive = List.of(V1, V2).get(i);
            assertSameReport(strata("files", "--format", "json", archive, "/etc/webapp"), images.get(i), archive);
            Map<String, String[]> merged = merged(archive, "etc/webapp");
            JsonNode files = images.get(i).path("files");
            assertEquals(merged.size(), files.size());
            for (JsonNode f : files) {
                String[] m = merged.get(f.path("path").asText().substring(1));
                assertEquals(Long.parseLong(m[5]), f.path("size").asLong());
                assertEquals(m[7].isEmpty() ? "null" : "sha256:" + m[7], f.path("sha256").asText());
            }
        }
        assertFalse(images.get(0).path("files").toString().equals(images.get(1).path("files").toString()),
                "webapp.conf changed between the versions");
    }

    @Test
    void filesWithTwoArgumentsKeepsItsPathFormAndSaysHowToNameTwoArchives() {
        CliRun trap = strata("files", V1, V2);
        assertEquals(ExitCodes.BAD_INPUT, trap.code());
        assertTrue(trap.err().contains("--path"), trap.err());
        CliRun both = strata("files", "--path", "/", V1, V2);
        assertEquals(ExitCodes.OK, both.code(), both.err());
        assertTrue(both.out().contains("/usr/share/webapp/legacy.txt") && both.out().contains("/usr/share/webapp/feature.txt"),
                "v1's legacy.txt and v2's feature.txt");
    }

    @Test
    void ciFailsWhenAnyImageFailsAGateAndListsEveryImagesGates() {
        String[] gate = {"--highest-wasted-bytes", "0"}; // app-b's whiteout of a base file is waste to dive
        CliRun run = strata("ci", "--format", "json", gate[0], gate[1], V1, PAIR);
        assertEquals(ExitCodes.FOUND, run.code(), run.err());
        JsonNode images = run.json().path("images");
        assertEquals(3, images.size());
        int failed = 0;
        int i = 0;
        for (String[] e : List.of(new String[]{V1, "0"}, new String[]{PAIR, "0"}, new String[]{PAIR, "1"})) {
            CliRun single = strata("ci", "--format", "json", gate[0], gate[1], e[0], "--image", e[1]);
            assertSameReport(single, images.get(i++), e[0] + " [" + e[1] + "]");
            if (single.code() == ExitCodes.FOUND) failed++;
        }
        assertEquals(1, failed, "only app-b wastes bytes");
        assertEquals(failed, run.json().path("set").path("failedImages").asInt());
        assertEquals(ExitCodes.OK, strata("ci", gate[0], gate[1], V1, V2).code(), "the versions waste nothing");
        CliRun text = strata("ci", gate[0], gate[1], VERSIONS, PAIR);
        assertEquals(4, text.out().lines().filter(l -> l.startsWith("Result:")).count(), text.out());
    }

    @Test
    void adviseOverASetIsEachImagesAdvice() {
        CliRun run = strata("advise", "--format", "json", V1, V2);
        assertEquals(ExitCodes.OK, run.code(), run.err());
        JsonNode images = run.json().path("images");
        assertSameReport(strata("advise", "--format", "json", V1), images.get(0), V1);
        assertSameReport(strata("advise", "--format", "json", V2), images.get(1), V2);
    }

    @Test
    void verifyFailsWhenAnyArchiveHasAnErrorAndListsEachArchive(@TempDir Path tmp) throws Exception {
        Path flipped = Files.copy(Path.of(CliRun.SAMPLE), tmp.resolve("flipped.tar"));
        VerifyCommandTest.flip(flipped, VerifyCommandTest.layerName(flipped, 2), 700_000);
        CliRun run = strata("verify", "--format", "json", V1, flipped.toString(), V2);
        assertEquals(ExitCodes.FOUND, run.code(), run.err());
        JsonNode archives = run.json().path("archives");
        assertEquals(3, archives.size());
        assertEquals(List.of(true, false, true), List.of(archives.get(0).path("passed").asBoolean(),
                archives.get(1).path("passed").asBoolean(), archives.get(2).path("passed").asBoolean()));
        assertEquals(flipped.toString(), archives.get(1).path("archive").path("path").asText());
        assertEquals(2, VerifyCommandTest.finding(archives.get(1), "diffid-mismatch").path("layer").asInt());
        assertEquals(1, run.json().path("set").path("failedArchives").asInt());
        assertEquals(alone(strata("verify", "--format", "json", V2)), archives.get(2), "each archive's report as alone");
        CliRun text = strata("verify", "-q", V1, flipped.toString());
        assertEquals(2, text.out().lines().filter(l -> l.startsWith("RESULT")).count(), text.out());
        assertTrue(text.out().contains("==> " + flipped), text.out());
    }

    // ---- choosing images, failures, help ----

    @Test
    void everyImageOfEveryArchiveUnlessImageOrPlatformNarrow() {
        CliRun all = strata("waste", "--format", "json", PAIR, V1);
        assertEquals(3, all.json().path("images").size(), "an archive of two images gives both, no question asked");
        CliRun narrowed = strata("waste", "--format", "json", "--image", "ctest/webapp:2.0", V1, V2);
        assertEquals(ExitCodes.OK, narrowed.code(), narrowed.err());
        assertEquals(List.of(V2), texts(narrowed.json().path("images"), "archive"));
        assertTrue(narrowed.err().contains(V1) && narrowed.err().contains("skipped"), narrowed.err());
        assertEquals(ExitCodes.BAD_INPUT, strata("waste", "--image", "nothing:here", V1, V2).code());
        // one archive keeps asking which image, unless --all-images
        assertEquals(ExitCodes.BAD_INPUT, strata("waste", PAIR).code());
        CliRun every = strata("waste", "--format", "json", "--all-images", PAIR);
        assertEquals(ExitCodes.OK, every.code(), every.err());
        assertEquals(2, every.json().path("images").size());
    }

    @Test
    void aBadArchiveIsReportedAndTheOthersStillAnalysed(@TempDir Path tmp) throws IOException {
        Path junk = Files.writeString(tmp.resolve("junk.tar"), "not an archive\n");
        CliRun text = strata("waste", V1, junk.toString());
        assertEquals(ExitCodes.BAD_INPUT, text.code());
        assertEquals(1, text.err().lines().count(), text.err());
        assertTrue(text.err().startsWith("strata: " + junk + ": "), text.err());
        assertTrue(text.out().contains("==> " + V1) && text.out().contains("1 failure"), text.out());
        CliRun json = strata("waste", "--format", "json", V1, junk.toString());
        assertEquals(ExitCodes.BAD_INPUT, json.code());
        assertEquals(1, json.json().path("images").size());
        assertEquals(junk.toString(), json.json().path("failures").get(0).path("archive").asText());
        CliRun verify = strata("verify", V1, junk.toString());
        assertEquals(ExitCodes.BAD_INPUT, verify.code(), "bad input outranks a finding");
        CliRun nothing = strata("history", junk.toString(), junk.toString());
        assertEquals(ExitCodes.BAD_INPUT, nothing.code());
        assertEquals("", nothing.out(), "nothing analysed: a plain refusal");
    }

    @Test
    void everySubcommandHasHelp() {
        List<CommandLine> commands = new ArrayList<>();
        collect(Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())), commands);
        assertTrue(commands.size() > 10, "every subcommand: " + commands.size());
        for (CommandLine c : commands) {
            List<String> args = new ArrayList<>();
            for (CommandLine p = c; p.getParent() != null; p = p.getParent()) args.add(0, p.getCommandName());
            args.add("--help");
            CliRun run = strata(args.toArray(String[]::new));
            assertEquals(0, run.code(), args + ": " + run.err());
            assertTrue(run.out().startsWith("Usage: strata"), args + ": " + run.out());
        }
    }

    // ---- oracles ----

    private static void collect(CommandLine c, List<CommandLine> into) {
        into.add(c);
        for (CommandLine sub : c.getSubcommands().values()) if (!into.contains(sub)) collect(sub, into);
    }

    /** A one-archive run's document without schemaVersion: what the set shows for that image. */
    private static ObjectNode alone(CliRun run) {
        ObjectNode doc = (ObjectNode) run.json();
        doc.remove("schemaVersion");
        return doc;
    }

    /** A set member's document less the keys the set adds ("image" stays where the one-image document has it). */
    private static ObjectNode member(JsonNode image, ObjectNode alone) {
        ObjectNode copy = ((ObjectNode) image).deepCopy();
        copy.remove(List.of("archive", "position", "platform"));
        if (!alone.has("image")) copy.remove("image");
        return copy;
    }

    /** The set shows each image's report as the one-archive run prints it. */
    private static void assertSameReport(CliRun alone, JsonNode member, String what) {
        ObjectNode expected = alone(alone);
        assertEquals(expected, member(member, expected), what + ": the same report as alone");
    }

    private static List<String> texts(JsonNode array, String key) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) out.add(n.path(key).asText());
        return out;
    }

    /** docker's Size of one image: the contentBytes of its layers, from the facts' listings. */
    private static long logicalBytes(String archive, int position) {
        return Facts.read(Facts.of(Path.of(archive))).layers().stream()
                .filter(l -> l.imagePosition().orElseThrow() == position).mapToLong(Facts.Layer::dockerContentBytes).sum();
    }

    /** Each distinct layer (by diff_id) once, across the archives. */
    private static long realBytes(List<String> archives) {
        Map<String, Long> distinct = new HashMap<>();
        for (String a : archives) {
            for (Facts.Layer l : Facts.read(Facts.of(Path.of(a))).layers()) distinct.put(l.diffId(), l.dockerContentBytes());
        }
        return distinct.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Each distinct regular-file content once, hashed from the layer tars inside the archives' own bytes. */
    private static long contentDedupBytes(List<String> archives) throws IOException, NoSuchAlgorithmException {
        Map<String, Long> contents = new LinkedHashMap<>();
        for (String a : archives) {
            Set<String> layers = new HashSet<>();
            for (Facts.Layer l : Facts.read(Facts.of(Path.of(a))).layers()) layers.add(l.storedPath());
            try (TarArchiveInputStream outer = new TarArchiveInputStream(Files.newInputStream(Path.of(a)))) {
                for (TarArchiveEntry e; (e = outer.getNextEntry()) != null; ) {
                    if (layers.contains(e.getName())) hashFiles(outer.readAllBytes(), contents);
                }
            }
        }
        return contents.values().stream().mapToLong(Long::longValue).sum();
    }

    private static void hashFiles(byte[] layerTar, Map<String, Long> contents) throws IOException, NoSuchAlgorithmException {
        try (InputStream in = new ByteArrayInputStream(layerTar); TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                byte flag = e.getLinkFlag();
                if (flag != '0' && flag != 0) continue; // regular files only: hardlinks, links, dirs hold no content
                byte[] data = tar.readAllBytes();
                contents.put(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)), (long) data.length);
            }
        }
    }

    /** The facts' merged listing of an archive's only image, rows at or below {@code under} (no leading slash). */
    private static Map<String, String[]> merged(String archive, String under) {
        Map<String, String[]> out = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of(archive + ".merged.img0.txt"), StandardCharsets.UTF_8)) {
                if (line.startsWith("#")) continue;
                String[] f = line.split("\\|", -1);
                if (f[0].equals(under) || f[0].startsWith(under + "/")) out.put(f[0], f);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out;
    }
}
