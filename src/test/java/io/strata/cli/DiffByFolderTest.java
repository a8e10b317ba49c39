package io.strata.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.testing.ImageBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.strata.cli.CliRun.strata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * diff --by folder: per-folder counts and squashed bytes. On the podman-built bad/good pair the deltas equal the
 * change of each top folder's squashed bytes as python measures them on umoci's unpack (facts file), and add up
 * to the change in squashed bytes.
 */
class DiffByFolderTest {
    private static final String PAIR = "testdata/advice/shop.podman-docker-archive.tar.zst";

    @TempDir
    Path dir;

    /** "top /X bytes" and "squashedBytes N" of one image's part of the facts file. */
    private static Map<String, Long> squashedFacts(String image) throws Exception {
        String text = Files.readString(Path.of(PAIR + ".facts.txt"));
        int start = text.indexOf("\n## " + image + "\n");
        int end = text.indexOf("\n## ", start + 1);
        String part = text.substring(start, end < 0 ? text.length() : end);
        Map<String, Long> out = new TreeMap<>();
        Matcher m = Pattern.compile("(?m)^top (\\S+) (\\d+)$").matcher(part);
        while (m.find()) out.put(m.group(1), Long.parseLong(m.group(2)));
        Matcher s = Pattern.compile("(?m)^squashedBytes (\\d+)$").matcher(part);
        assertTrue(s.find(), "squashedBytes in the " + image + " facts");
        out.put("total", Long.parseLong(s.group(1)));
        return out;
    }

    @Test
    void pairFolderDeltasAreTheSquashedBytesChangeOfEachTopFolder() throws Exception {
        Map<String, Long> bad = squashedFacts("bad");
        Map<String, Long> good = squashedFacts("good");
        CliRun run = strata("diff", PAIR + "#localhost/strata-advice-shop:bad", PAIR + "#localhost/strata-advice-shop:good",
                "--by", "folder", "--only", "files", "--format", "json");
        assertEquals(1, run.code(), run.err());
        JsonNode doc = run.json();
        long sum = 0;
        for (JsonNode f : doc.path("folders")) {
            String folder = f.path("folder").asText();
            assertEquals(bad.getOrDefault(folder, 0L), f.path("bytesBefore").asLong(), folder);
            assertEquals(good.getOrDefault(folder, 0L), f.path("bytesAfter").asLong(), folder);
            sum += f.path("bytesDelta").asLong();
        }
        assertEquals(good.get("total") - bad.get("total"), sum);
        assertEquals(sum, doc.path("summary").path("squashedBytesDelta").asLong());
        // every top folder whose bytes differ in the facts is listed
        for (String folder : bad.keySet()) {
            if (folder.equals("total") || bad.get(folder).equals(good.getOrDefault(folder, 0L))) continue;
            boolean listed = false;
            for (JsonNode f : doc.path("folders")) listed |= f.path("folder").asText().equals(folder);
            assertTrue(listed, folder);
        }
        CliRun text = strata("diff", PAIR + "#localhost/strata-advice-shop:bad", PAIR + "#localhost/strata-advice-shop:good",
                "--by", "folder", "--only", "files");
        assertTrue(text.out().contains("FOLDERS (squashed bytes"), text.out());
        assertTrue(Pattern.compile("(?m)^\\s+/app/\\s+-").matcher(text.out()).find(), "file rows grouped under their folder headings");
    }

    @Test
    void hardlinksCountOnceAndSymlinksByTheirTarget() throws Exception {
        Path a = new ImageBuilder().layer("/bin/sh -c #(nop) ADD file:a in / ").file("usr/bin/tool", 5000)
                .file("etc/keep", 100).done().write(dir, "a.tar");
        Path b = new ImageBuilder().layer("/bin/sh -c #(nop) ADD file:b in / ").file("usr/bin/tool", 5000)
                .hardlink("usr/bin/tool2", "usr/bin/tool").hardlink("opt/tool3", "usr/bin/tool")
                .symlink("etc/link", "/usr/bin/tool").file("etc/keep", 100).file("new.txt", 7).done().write(dir, "b.tar");
        JsonNode doc = strata("diff", a.toString(), b.toString(), "--by", "folder", "--only", "files", "--format", "json").json();
        Map<String, Long> delta = new TreeMap<>();
        for (JsonNode f : doc.path("folders")) delta.put(f.path("folder").asText(), f.path("bytesDelta").asLong());
        // the inode counts once, at its first name in path order (/opt/tool3): /usr loses it, /opt gains it
        assertEquals(Map.of("/", 7L, "/etc", (long) "/usr/bin/tool".length(), "/opt", 5000L, "/usr", -5000L), delta);
        assertEquals(7 + "/usr/bin/tool".length(), doc.path("summary").path("squashedBytesDelta").asLong());
    }

    @Test
    void anythingButFolderIsAUsageError() {
        CliRun run = strata("diff", CliRun.SAMPLE, CliRun.SAMPLE, "--by", "colour");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("--by takes folder"), run.err());
    }
}
