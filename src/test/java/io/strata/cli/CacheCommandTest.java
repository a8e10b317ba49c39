package io.strata.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.cache.CacheLocation;
import io.strata.testing.PropertyOverride;
import io.strata.testing.Facts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The layer cache seen from the command line: who uses it, who never does, and `strata cache info|prune`. */
class CacheCommandTest {
    @TempDir
    Path cache;
    @TempDir
    Path tmp;
    private PropertyOverride cacheFolder;

    @BeforeEach
    void pointTheCacheHere() {
        cacheFolder = PropertyOverride.set(CacheLocation.PROPERTY, cache.toString());
    }

    @AfterEach
    void restore() {
        cacheFolder.close();
    }

    private List<Path> entries() throws IOException {
        Path folder = cache.resolve("layers");
        if (!Files.isDirectory(folder)) return List.of();
        try (Stream<Path> s = Files.list(folder)) {
            return s.toList();
        }
    }

    /** Distinct layers of the sample image, from the facts (docker's own listing of the archive). */
    private static long sampleLayers() {
        return Facts.read(Facts.of(Path.of(CliRun.SAMPLE))).layers().stream().map(Facts.Layer::diffId).distinct().count();
    }

    @Test
    void aSecondRunReadsTheCacheAndPrintsTheSame() throws Exception {
        CliRun cold = CliRun.strata("waste", CliRun.SAMPLE, "--format", "json");
        assertEquals(0, cold.code(), cold.err());
        assertEquals(sampleLayers(), entries().size(), "one entry per distinct layer");
        CliRun warm = CliRun.strata("waste", CliRun.SAMPLE, "--format", "json");
        assertEquals(0, warm.code(), warm.err());
        assertEquals(cold.out(), warm.out());
        assertEquals("", warm.err());
    }

    @Test
    void noCacheWritesNothing() throws Exception {
        for (String command : List.of("waste", "files", "inspect", "history", "advise", "ci")) {
            CliRun run = CliRun.strata(command, CliRun.SAMPLE, "--no-cache", "--format", "json");
            assertTrue(run.code() == 0 || run.code() == 1, command + ": " + run.err());
        }
        assertEquals(List.of(), entries());
    }

    @Test
    void verifyExtractAndExportNeverUseTheCache() throws Exception {
        assertEquals(0, CliRun.strata("verify", CliRun.SAMPLE).code());
        CliRun extract = CliRun.strata("extract", CliRun.SAMPLE, "/etc/passwd", "-o", tmp.resolve("passwd").toString());
        assertEquals(0, extract.code(), extract.err());
        CliRun export = CliRun.strata("export", CliRun.SAMPLE, "-o", tmp.resolve("rootfs.tar").toString());
        assertEquals(0, export.code(), export.err());
        assertEquals(List.of(), entries(), "they read every blob themselves");
    }

    @Test
    void infoAndPruneReportTheCache() throws Exception {
        assertEquals(0, CliRun.strata("waste", CliRun.SAMPLE).code());
        List<Path> files = entries();
        long bytes = 0;
        for (Path f : files) bytes += Files.size(f);

        JsonNode info = CliRun.strata("cache", "info", "--format", "json").json();
        assertEquals(1, info.path("schemaVersion").asInt());
        assertEquals(cache.toString(), info.path("folder").asText());
        assertEquals(files.size(), info.path("entries").asInt());
        assertEquals(bytes, info.path("bytes").asLong());
        CliRun text = CliRun.strata("cache", "info");
        assertTrue(text.out().contains(cache.toString()) && text.out().contains("Entries:  " + files.size()), text.out());

        JsonNode kept = CliRun.strata("cache", "prune", "--format", "json").json();
        assertEquals(0, kept.path("removedEntries").asInt(), "fresh entries under the default bound stay");
        assertEquals(files.size(), kept.path("keptEntries").asInt());

        CliRun all = CliRun.strata("cache", "prune", "--all");
        assertEquals(0, all.code(), all.err());
        assertTrue(all.out().startsWith("Removed " + files.size() + " entries"), all.out());
        assertEquals(List.of(), entries());
    }

    @Test
    void pruneBySizeKeepsNoMoreThanAsked() throws Exception {
        assertEquals(0, CliRun.strata("waste", CliRun.SAMPLE).code());
        JsonNode p = CliRun.strata("cache", "prune", "--max-bytes", "1K", "--format", "json").json();
        assertTrue(p.path("keptBytes").asLong() <= 1024, p.toString());
        long left = 0;
        for (Path f : entries()) left += Files.size(f);
        assertEquals(p.path("keptBytes").asLong(), left);
    }

    @Test
    void badUsageIsExitTwoWithOneLine() {
        for (String[] args : List.of(new String[]{"cache", "prune", "--max-bytes", "lots"},
                new String[]{"cache", "prune", "--older-than", "-1"}, new String[]{"cache"})) {
            CliRun run = CliRun.strata(args);
            assertEquals(2, run.code(), String.join(" ", args));
            assertTrue(run.err().startsWith("strata: ") || run.err().startsWith("Usage"), run.err());
        }
        assertEquals(0, CliRun.strata("cache", "prune", "--help").code());
    }
}
