package io.strata.cli;

import io.strata.testing.Facts;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `strata history` text reads like `docker history`: same columns, same human sizes, rows newest first. */
class HistoryTextTest {
    private static final String SAMPLE = "testdata/sample/sample.docker-save.tar";
    private static final Facts FACTS = Facts.read(Facts.of(Path.of(SAMPLE)));

    /** The cells of column {@code name} in a table whose columns start where the header's names do. */
    static List<String> column(List<String> table, String name, String next) {
        String header = table.get(0);
        int from = header.indexOf(name);
        int to = next == null ? -1 : header.indexOf(next, from + name.length());
        List<String> out = new ArrayList<>();
        for (String row : table.subList(1, table.size())) {
            String cell = row.length() <= from ? "" : to < 0 || row.length() < to ? row.substring(from) : row.substring(from, to);
            out.add(cell.strip());
        }
        return out;
    }

    /** `docker history --no-trunc` as the facts hold it (header and rows). */
    private static List<String> dockerTable() {
        return FACTS.section(t -> t.startsWith("docker history --no-trunc ctest/sample")).orElseThrow().lines().stream()
                .filter(l -> !l.isBlank()).toList();
    }

    @Test
    void columnsAndHumanSizesAreDockers() {
        CliRun run = CliRun.strata("history", SAMPLE);
        assertEquals(0, run.code(), run.err());
        List<String> table = run.out().lines().toList();
        List<String> docker = dockerTable();
        assertEquals(List.of("IMAGE", "CREATED", "CREATED BY", "SIZE", "COMMENT"),
                List.of(table.get(0).split("\\s{2,}")), "docker's header");
        assertEquals(docker.size(), table.size(), "one row per history entry");
        assertEquals(column(docker, "SIZE", "COMMENT"), column(table, "SIZE", "COMMENT"));
        assertEquals(column(docker, "COMMENT", null), column(table, "COMMENT", null));
        String id = FACTS.dockerHistory().get(0).imageId();
        assertEquals(id.substring(7, 19), column(table, "IMAGE", "CREATED").get(0), "docker's short image ID");
        assertTrue(column(table, "IMAGE", "CREATED").subList(1, table.size() - 1).stream().allMatch("<missing>"::equals));
        for (String by : column(table, "CREATED BY", "SIZE")) assertTrue(by.codePointCount(0, by.length()) <= 45, by);
        assertTrue(column(table, "CREATED", "CREATED BY").get(0).endsWith(" ago"));
    }

    @Test
    void noTruncShowsWhatDockerShows() {
        List<String> table = CliRun.strata("history", "--no-trunc", SAMPLE).out().lines().toList();
        List<String> docker = dockerTable();
        assertEquals(column(docker, "IMAGE", "CREATED").get(0), column(table, "IMAGE", "CREATED").get(0));
        List<String> expectedBy = FACTS.dockerHistory().get(0).rows().stream().map(Facts.HistoryRow::createdBy).toList();
        assertEquals(expectedBy, column(table, "CREATED BY", "SIZE"));
    }

    @Test
    void humanFalsePrintsBytesAndTimestamps() {
        List<String> table = CliRun.strata("history", "--human=false", SAMPLE).out().lines().toList();
        List<String> bytes = FACTS.dockerHistory().get(0).rows().stream().map(r -> Long.toString(r.size())).toList();
        assertEquals(bytes, column(table, "SIZE", "COMMENT"));
        assertTrue(column(table, "CREATED", "CREATED BY").stream().allMatch(c -> c.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ")),
                table.toString());
        List<String> tar = CliRun.strata("history", "--human=false", "--size", "tar", SAMPLE).out().lines().toList();
        long layers = FACTS.layers().size();
        List<String> tarSizes = column(tar, "SIZE", "COMMENT");
        List<String> layerSizes = new ArrayList<>(FACTS.layers().stream().map(l -> Long.toString(l.uncompressedSize())).toList());
        java.util.Collections.reverse(layerSizes);
        assertEquals(layerSizes, tarSizes.stream().filter(s -> !s.equals("0")).toList(), "tar lengths, newest first");
        assertEquals(layers, tarSizes.stream().filter(s -> !s.equals("0")).count());
    }

    @Test
    void quietPrintsIdsOnly() {
        List<String> lines = CliRun.strata("history", "-q", SAMPLE).out().lines().toList();
        assertEquals(FACTS.dockerHistory().get(0).rows().size(), lines.size());
        assertEquals(FACTS.dockerHistory().get(0).imageId().substring(7, 19), lines.get(0));
        assertTrue(lines.subList(1, lines.size()).stream().allMatch("<missing>"::equals));
    }

    @Test
    void badSizeKindIsAUsageError() {
        CliRun run = CliRun.strata("history", "--size", "disk", SAMPLE);
        assertEquals(2, run.code());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("--size must be content or tar"), run.err());
    }
}
