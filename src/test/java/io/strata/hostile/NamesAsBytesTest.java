package io.strata.hostile;

import io.strata.testing.Archives;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.testing.RawTar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static io.strata.testing.RawTar.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Names that differ only in bytes that are not UTF-8 are different files: they must not merge (wrong squashed and
 * wasted figures) and a whiteout of one must not hide the other (a setuid file slipping past files, export and ci).
 * Written both in the ustar name field and in PAX path records, which commons-compress decodes lossily.
 */
class NamesAsBytesTest {
    @TempDir
    Path tmp;

    /** A file entry named by raw bytes, in the ustar header or (pax) in a PAX path record. */
    private static RawTar file(RawTar tar, String name, int size, int mode, boolean pax) {
        byte[] raw = bytes(name);
        if (pax) tar.paxBytes('x', "path", raw);
        return tar.entry(pax ? bytes("stand-in") : raw, '0', new byte[size], size, new byte[0], mode);
    }

    private static Map<String, JsonNode> byExactPath(JsonNode files) {
        Map<String, JsonNode> out = new HashMap<>();
        for (JsonNode f : files) {
            byte[] exact = f.has("pathBytes") ? Base64.getDecoder().decode(f.path("pathBytes").asText())
                    : f.path("path").asText().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertFalse(out.containsKey(HexFormat.of().formatHex(exact)), "two rows for one path: " + files);
            out.put(HexFormat.of().formatHex(exact), f);
        }
        return out;
    }

    private static String hex(String name) {
        return HexFormat.of().formatHex(bytes(name));
    }

    @Test
    void namesThatDifferOnlyInInvalidBytesAreTwoPathsWithTheirOwnSizes() throws Exception {
        RawTar base = new RawTar();
        file(base, "data/a\\xff", 1000, 0644, false);
        file(base, "data/a\\xfe", 2000, 0644, false);
        file(base, "data/p\\xff", 300, 0644, true);
        file(base, "data/p\\xfe", 400, 0644, true);
        file(base, "data/\\xc3\\xbf", 7, 0644, false); // "ÿ" in UTF-8, which a Latin-1 reading of \xff would become
        RawTar top = new RawTar();
        file(top, "data/a\\xff", 10, 0644, false);
        file(top, "data/p\\xfe", 5, 0644, true);
        Path archive = new Archives.Docker().layer(base.finish()).layer(top.finish()).write(tmp.resolve("names.tar"));

        var files = CommandMatrix.run(List.of("files", archive.toString(), "--format", "json", "--no-cache"));
        assertEquals(0, files.code(), files.err());
        Map<String, JsonNode> rows = byExactPath(new ObjectMapper().readTree(files.out()).path("files"));
        assertEquals(10, rows.get(hex("/data/a\\xff")).path("size").asLong());
        assertEquals(2000, rows.get(hex("/data/a\\xfe")).path("size").asLong());
        assertEquals(300, rows.get(hex("/data/p\\xff")).path("size").asLong());
        assertEquals(5, rows.get(hex("/data/p\\xfe")).path("size").asLong());
        assertEquals(7, rows.get(hex("/data/\\xc3\\xbf")).path("size").asLong());
        assertEquals("/data/a\\xff", rows.get(hex("/data/a\\xff")).path("path").asText(), "readable form");
        assertFalse(rows.get(hex("/data/\\xc3\\xbf")).has("pathBytes"), "valid UTF-8 needs no exact form");

        var waste = CommandMatrix.run(List.of("waste", archive.toString(), "--format", "json", "--no-cache"));
        JsonNode w = new ObjectMapper().readTree(waste.out());
        assertEquals(10 + 2000 + 300 + 5 + 7, w.path("squashedBytes").asLong());
        assertEquals(1000 + 400, w.path("wastedBytes").asLong());

        var text = CommandMatrix.run(List.of("files", archive.toString(), "/data", "--no-cache"));
        for (String shown : List.of("/data/a\\xff", "/data/a\\xfe", "/data/p\\xff", "/data/p\\xfe", "/data/\u00ff")) {
            assertTrue(text.out().contains(shown + "\n"), shown + " in\n" + text.out());
        }
    }

    @Test
    void aWhiteoutOfOneInvalidNameDoesNotHideAnother() throws Exception {
        for (boolean pax : new boolean[]{false, true}) {
            RawTar base = new RawTar();
            file(base, "bin/evil\\xff", 100, 04755, pax);
            file(base, "bin/gone\\xfe", 50, 0755, pax);
            RawTar top = new RawTar();
            file(top, "bin/.wh.evil\\xfe", 0, 0644, pax);
            file(top, "bin/.wh.gone\\xfe", 0, 0644, pax);
            Path archive = new Archives.Docker().layer(base.finish()).layer(top.finish())
                    .write(tmp.resolve("whiteout-" + pax + ".tar"));

            var setuid = CommandMatrix.run(List.of("files", archive.toString(), "--setuid", "--format", "json",
                    "--no-cache"));
            JsonNode rows = new ObjectMapper().readTree(setuid.out()).path("files");
            assertEquals(1, rows.size(), setuid.out());
            assertEquals(HexFormat.of().formatHex(bytes("/bin/evil\\xff")),
                    HexFormat.of().formatHex(Base64.getDecoder().decode(rows.get(0).path("pathBytes").asText())));

            var ci = CommandMatrix.run(List.of("ci", archive.toString(), "--no-setuid", "--no-cache"));
            assertEquals(1, ci.code(), "the setuid file fails the gate (pax=" + pax + ")\n" + ci.out());

            Path rootfs = tmp.resolve("rootfs-" + pax + ".tar");
            var export = CommandMatrix.run(List.of("export", archive.toString(), "-o", rootfs.toString()));
            assertEquals(0, export.code(), export.err());
            byte[] exported = Files.readAllBytes(rootfs);
            assertTrue(contains(exported, bytes("bin/evil\\xff")), "export writes the name's own bytes");
            assertFalse(contains(exported, bytes("bin/gone\\xfe")), "the whiteout of gone\\xfe applies");
            assertFalse(contains(exported, bytes("bin/evil\\xc3\\xbf")), "no re-encoding of the invalid byte");
        }
    }

    /** A regular file with its own content, named by raw bytes in the ustar header. */
    private static RawTar content(RawTar tar, String name, String text) {
        byte[] c = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return tar.entry(bytes(name), '0', c, c.length, new byte[0], 0644);
    }

    @Test
    void extractNamesAFileThatIsNotUtf8AsFilesPrintsIt() throws Exception {
        RawTar base = new RawTar();
        content(base, "data/a\\xff", "bytes of a-ff\n");
        content(base, "data/a\\xfe", "bytes of a-fe\n");
        // a real name with a backslash in it: the literal reading comes first
        base.entry("data/lit\\xff".getBytes(java.nio.charset.StandardCharsets.UTF_8), '0',
                "literal\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), 8, new byte[0], 0644);
        content(base, "data/lit\\xff", "the byte name\n");
        Path archive = new Archives.Docker().layer(base.finish()).write(tmp.resolve("extract-names.tar"));

        var listed = CommandMatrix.run(List.of("files", archive.toString(), "/data", "--no-cache"));
        assertTrue(listed.out().contains("/data/a\\xff\n"), listed.out());
        for (String[] want : new String[][]{{"/data/a\\xff", "bytes of a-ff\n"}, {"/data/a\\xfe", "bytes of a-fe\n"},
                {"data/lit\\xff", "literal\n"}}) {
            Path out = tmp.resolve("out-" + Math.abs(want[0].hashCode()));
            var r = CommandMatrix.run(List.of("extract", archive.toString(), want[0], "-o", out.toString()));
            assertEquals(0, r.code(), want[0] + ": " + r.err());
            assertEquals(want[1], Files.readString(out), want[0]);
            Path fromLayer = tmp.resolve("layer-" + Math.abs(want[0].hashCode()));
            r = CommandMatrix.run(List.of("extract", archive.toString(), want[0], "--layer", "0", "-o",
                    fromLayer.toString()));
            assertEquals(0, r.code(), want[0] + " --layer 0: " + r.err());
            assertEquals(want[1], Files.readString(fromLayer), want[0] + " --layer 0");
        }
        var missing = CommandMatrix.run(List.of("extract", archive.toString(), "/data/a\\xfd"));
        assertEquals(2, missing.code(), missing.err());
        assertTrue(missing.err().contains("/data/a\\xfd"), "the error names the path as typed: " + missing.err());

        // the raw bytes on a real command line ($'..' in bash): the JVM decodes them lossily, Strata reads them back
        for (String locale : List.of("C.UTF-8", "C")) {
            Path out = tmp.resolve("raw-" + locale);
            List<String> cmd = ChildJvm.command("extract", archive.toString(), "@RAW@", "-o", out.toString());
            StringBuilder line = new StringBuilder("exec");
            for (String c : cmd) {
                line.append(' ').append(c.equals("@RAW@") ? "$'/data/a\\xfe'" : "'" + c.replace("'", "'\\''") + "'");
            }
            ProcessBuilder pb = new ProcessBuilder("bash", "-c", line.toString()).redirectErrorStream(true);
            pb.environment().put("LC_ALL", locale);
            Process p = pb.start();
            String said = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), locale + ": " + said);
            assertEquals("bytes of a-fe\n", Files.readString(out), "raw bytes under LC_ALL=" + locale);
        }
    }

    @Test
    void duplicateGroupsAndTheTreemapKeepNamesThatDifferOnlyInInvalidBytesApart() throws Exception {
        RawTar base = new RawTar();
        content(base, "dup/x\\xff", "the same content, three times\n");
        content(base, "dup/x\\xfe", "the same content, three times\n");
        content(base, "dup/x.txt", "the same content, three times\n");
        Path archive = new Archives.Docker().layer(base.finish()).write(tmp.resolve("dup-names.tar"));

        var waste = CommandMatrix.run(List.of("waste", archive.toString(), "--format", "json", "--no-cache"));
        assertEquals(0, waste.code(), waste.err());
        JsonNode groups = new ObjectMapper().readTree(waste.out()).path("duplicates");
        assertEquals(1, groups.size(), waste.out());
        JsonNode paths = groups.get(0).path("paths");
        JsonNode exact = groups.get(0).path("pathsBytes");
        assertEquals(3, paths.size());
        assertEquals(3, exact.size(), "one exact form per path: " + groups);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            names.add(exact.get(i).isNull() ? hex(paths.get(i).asText())
                    : HexFormat.of().formatHex(Base64.getDecoder().decode(exact.get(i).asText())));
            if (exact.get(i).isNull()) assertEquals("/dup/x.txt", paths.get(i).asText(), "only UTF-8 names go without");
        }
        assertEquals(new java.util.TreeSet<>(List.of(hex("/dup/x\\xff"), hex("/dup/x\\xfe"), hex("/dup/x.txt"))),
                new java.util.TreeSet<>(names));

        Path html = tmp.resolve("dup-names.html");
        var report = CommandMatrix.run(List.of("report", archive.toString(), "-o", html.toString(), "--no-cache"));
        assertEquals(0, report.code(), report.err());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "<script type=\"application/json\" id=\"strata-data\">(.*?)</script>", java.util.regex.Pattern.DOTALL)
                .matcher(Files.readString(html));
        assertTrue(m.find(), "the report embeds its data");
        JsonNode data = new ObjectMapper().readTree(m.group(1));
        JsonNode dup = null;
        for (JsonNode k : data.path("tree").path("c")) if (k.path("n").asText().equals("dup")) dup = k;
        assertTrue(dup != null, "a dup folder in the treemap: " + data.path("tree"));
        List<String> leaves = new ArrayList<>();
        for (JsonNode k : dup.path("c")) {
            leaves.add(k.has("nBytes") ? HexFormat.of().formatHex(Base64.getDecoder().decode(k.path("nBytes").asText()))
                    : hex(k.path("n").asText()));
        }
        assertEquals(new java.util.TreeSet<>(List.of(hex("x\\xff"), hex("x\\xfe"), hex("x.txt"))),
                new java.util.TreeSet<>(leaves), "three leaves, each with its exact name: " + dup);
        JsonNode reportDups = data.path("waste").path("duplicates");
        assertEquals(3, reportDups.get(0).path("pathsBytes").size(), "the report's duplicates carry the exact forms");
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        List<Integer> starts = new ArrayList<>();
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int k = 0; k < needle.length; k++) if (hay[i + k] != needle[k]) continue outer;
            starts.add(i);
        }
        return !starts.isEmpty();
    }
}
