package io.strata.cli;

import io.strata.testing.Facts;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `strata inspect` text is for people: aligned columns under each image, docker's human sizes, honest notes. */
class InspectTextTest {
    private static final String SAMPLE = "testdata/sample/sample.docker-save.tar";
    private static final Facts FACTS = Facts.read(Facts.of(Path.of(SAMPLE)));

    /** The layer table of the first image: from its header row to the first blank line. */
    private static List<String> layerTable(String out) {
        List<String> lines = out.lines().toList();
        int start = 0;
        while (!lines.get(start).strip().startsWith("#   DIGEST")) start++;
        int end = start;
        while (end < lines.size() && !lines.get(end).isBlank()) end++;
        return lines.subList(start, end);
    }

    @Test
    void sampleReadsLikeDocker() {
        CliRun run = CliRun.strata("inspect", SAMPLE);
        assertEquals(0, run.code(), run.err());
        String out = run.out();
        assertTrue(out.startsWith("Archive: " + SAMPLE + " (docker-archive, 3.27MB)\n"), out); // size_bytes 3272704
        assertTrue(out.contains("\nImage [0]: ctest/sample:1.0\n"), out);
        assertTrue(out.contains("  Created:   2026-11-22T21:11:37Z\n"), "to the second: " + out);
        assertTrue(out.contains(", 9 layers\n"), out);
        List<String> table = layerTable(out);
        assertEquals(1 + FACTS.layers().size(), table.size());
        assertTrue(table.stream().allMatch(l -> l.startsWith("  ")), "the table is indented under its image");
        // right-aligned numbers end under their header; left-aligned text starts under it
        String header = table.get(0);
        for (String col : List.of("STORED", "TAR", "CONTENT", "ENTRIES")) {
            int end = header.indexOf(col) + col.length();
            for (String row : table.subList(1, table.size())) {
                assertTrue(row.length() > end && row.charAt(end - 1) != ' ' && row.charAt(end) == ' ', col + " in " + row);
            }
        }
        List<String> digests = HistoryTextTest.column(table, "DIGEST", "COMPRESSION");
        for (int l = 0; l < FACTS.layers().size(); l++) {
            assertEquals(FACTS.layers().get(l).storedSha256().substring(0, 12), digests.get(l));
        }
        // CONTENT is docker's SIZE for the layer: the non-empty rows of docker history, oldest first
        List<String> dockerSizes = new ArrayList<>(HistoryTextTest.column(FACTS.section(
                t -> t.startsWith("docker history --no-trunc ctest/sample")).orElseThrow().lines().stream()
                .filter(s -> !s.isBlank()).toList(), "SIZE", "COMMENT"));
        Collections.reverse(dockerSizes);
        var history = FACTS.json(t -> t.startsWith("skopeo inspect --config")).orElseThrow().path("history");
        List<String> layerSizes = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            if (!history.get(i).path("empty_layer").asBoolean()) layerSizes.add(dockerSizes.get(i));
        }
        assertEquals(layerSizes, HistoryTextTest.column(table, "CONTENT", "ENTRIES"));
        assertFalse(out.contains("* layer shared"), "one image shares nothing");
        assertTrue(out.contains("Total: 3.03MB logical"), out); // docker image inspect Size 3033297
    }

    @Test
    void noTruncShowsFullDigests() {
        List<String> table = layerTable(CliRun.strata("inspect", "--no-trunc", SAMPLE).out());
        assertEquals(FACTS.layers().get(0).blobDigest(), HistoryTextTest.column(table, "DIGEST", "COMPRESSION").get(0));
    }

    @Test
    void aMediaTypeThatLiesAboutCompressionIsPointedOut() {
        String out = CliRun.strata("inspect", "testdata/sample/sample.oci-layout-uncompressed.tar").out();
        assertEquals(9, out.lines().filter(l -> l.contains("none (type says gzip)")).count(), out);
        String honest = CliRun.strata("inspect", "testdata/sample/sample.oci-layout-gzip.tar").out();
        assertFalse(honest.contains("type says"), honest);
    }

    @Test
    void helpIsThereForBothCommands() {
        for (String command : List.of("inspect", "history")) {
            CliRun run = CliRun.strata(command, "--help");
            assertEquals(0, run.code(), run.err());
            assertTrue(run.out().contains("--platform") && run.out().contains("--image") && run.out().contains("ARCHIVE"),
                    run.out());
        }
    }
}
