package io.strata.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

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
 * diff --by package on the podman-built bad/good pair: the groups' deltas add up to the change in squashed bytes
 * python measured on umoci's unpack, and the packages the good image dropped carry the bytes python measured over
 * their files (dpkg-query -L for deb, the package folder for npm) with every one of their files as a removed row.
 */
class DiffByPackageTest {
    private static final String PAIR = "testdata/advice/shop.podman-docker-archive.tar.zst";
    private static final String BAD = PAIR + "#localhost/strata-advice-shop:bad";
    private static final String GOOD = PAIR + "#localhost/strata-advice-shop:good";

    private static String facts(String image) throws Exception {
        String text = Files.readString(Path.of(PAIR + ".facts.txt"));
        int start = text.indexOf("\n## " + image + "\n");
        int end = text.indexOf("\n## ", start + 1);
        return text.substring(start, end < 0 ? text.length() : end);
    }

    private static long squashed(String image) throws Exception {
        Matcher m = Pattern.compile("(?m)^squashedBytes (\\d+)$").matcher(facts(image));
        assertTrue(m.find());
        return Long.parseLong(m.group(1));
    }

    @Test
    void groupsAddUpToTheSquashedChangeAndDroppedPackagesCarryTheirBytes() throws Exception {
        CliRun run = strata("diff", BAD, GOOD, "--only", "files", "--by", "package", "--format", "json");
        assertEquals(1, run.code(), run.err());
        JsonNode doc = run.json();
        long sum = 0;
        Map<String, JsonNode> groups = new TreeMap<>();
        for (JsonNode g : doc.path("packageGroups")) {
            groups.put(g.path("package").isNull() ? "-" : g.path("package").asText(), g);
            sum += g.path("bytesDelta").asLong();
            assertEquals(g.path("bytesAfter").asLong() - g.path("bytesBefore").asLong(), g.path("bytesDelta").asLong());
        }
        assertEquals(squashed("good") - squashed("bad"), sum);
        assertEquals(sum, doc.path("summary").path("squashedBytesDelta").asLong());

        // "deb+symlinks psmisc 11 163043" and the like: files and bytes python counted on the unpacked bad image
        Matcher m = Pattern.compile("(?m)^(deb|npm)\\+symlinks (\\S+) (\\d+) (\\d+)$").matcher(facts("bad"));
        int checked = 0;
        while (m.find()) {
            String label = m.group(1) + "/" + m.group(2);
            JsonNode g = groups.get(label);
            assertTrue(g != null, label + " in " + groups.keySet());
            assertEquals(Long.parseLong(m.group(4)), g.path("bytesBefore").asLong(), label);
            assertEquals(0, g.path("bytesAfter").asLong(), label);
            assertEquals(Integer.parseInt(m.group(3)), g.path("removed").asInt(), label);
            int rows = 0;
            for (JsonNode f : doc.path("files")) if (label.equals(f.path("package").asText(null))) rows++;
            assertEquals(Integer.parseInt(m.group(3)), rows, label + ": its rows");
            checked++;
        }
        assertEquals(3, checked);
        // largest change first: prettier's 7.7 MB leads
        assertEquals("npm/prettier", doc.path("packageGroups").get(0).path("package").asText());
        assertTrue(groups.containsKey("-"), "the files no package owns are one group");
    }

    @Test
    void textRowsFollowTheirPackageHeadingsWithinTheLimit() {
        CliRun run = strata("diff", BAD, GOOD, "--only", "files", "--by", "package", "--limit", "5");
        assertEquals(1, run.code(), run.err());
        String out = run.out();
        assertTrue(out.contains("PACKAGE GROUPS (squashed bytes"), out);
        assertTrue(Pattern.compile("(?m)^npm/prettier +0 +53 +0 +0 +7\\.7MB +0B +-7\\.7MB$").matcher(out).find(), out);
        int heading = out.indexOf("npm/prettier", out.indexOf("\nFILES ("));
        assertTrue(heading > 0, out);
        long rows = out.lines().filter(l -> l.startsWith("removed ") || l.startsWith("modified ")
                || l.startsWith("added ") || l.startsWith("metadata ")).count();
        assertEquals(5, rows, out);
        assertTrue(out.contains("... 188 more (--limit 0 shows all)"), out);
    }

    @Test
    void packageIsAcceptedAndAnythingElseIsAUsageError() {
        CliRun run = strata("diff", CliRun.SAMPLE, CliRun.SAMPLE, "--by", "layer");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("--by takes folder or package"), run.err());
        assertEquals(0, strata("diff", CliRun.SAMPLE, CliRun.SAMPLE, "--by", "package").code());
    }
}
