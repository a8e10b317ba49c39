package io.strata.cli;

import io.strata.session.ExitCodes;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static io.strata.cli.CliRun.SAMPLE;
import static io.strata.cli.CliRun.byPath;
import static io.strata.cli.CliRun.strata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WasteCommandTest {
    @Test
    void jsonHasDesignsWasteShape() {
        CliRun r = strata("waste", SAMPLE, "--format", "json");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        JsonNode doc = r.json();
        assertEquals(1, doc.path("schemaVersion").asInt());
        long logical = doc.path("logicalBytes").asLong();
        assertEquals(logical, doc.path("squashedBytes").asLong() + doc.path("wastedBytes").asLong());
        assertEquals((double) doc.path("squashedBytes").asLong() / logical, doc.path("efficiency").asDouble(), 1e-12);
        JsonNode big = byPath(doc.path("wasted"), "/opt/app/data/big.bin");
        assertEquals(1048576, big.path("bytes").asLong());
        assertTrue(big.path("layerCreatedBy").asText().contains("big.bin"), big.toString());
        assertTrue(big.path("hiddenByCreatedBy").asText().contains("rm "), big.toString());
        assertEquals(29, doc.path("duplicateBytes").asLong());
        assertEquals(2, doc.path("duplicates").get(0).path("paths").size());
        assertEquals(9, doc.path("layers").size());
        for (String key : new String[]{"efficiency", "wastedBytes", "userWastedPercent"}) {
            assertTrue(doc.path("dive").has(key), key);
        }
    }

    @Test
    void textShowsOursAndDivesFigures() {
        CliRun r = strata("waste", SAMPLE, "--top", "1");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("wastedBytes"), r.out());
        assertTrue(r.out().contains("dive's figures"), r.out());
        assertTrue(r.out().contains("Wasted paths (top 1 of 7)"), r.out());
        long reasons = r.out().lines().filter(l -> l.endsWith("whiteout") || l.endsWith("opaque")
                || l.endsWith("overwritten")).count();
        assertEquals(1, reasons, r.out());
    }

    @Test
    void badUsageExitsTwo() {
        assertEquals(ExitCodes.BAD_INPUT, strata("waste", SAMPLE, "--top", "-1").code());
        assertEquals(ExitCodes.BAD_INPUT, strata("waste", "testdata/pair/pair.docker-save.tar").code());
        assertEquals(ExitCodes.OK, strata("waste", "testdata/pair/pair.docker-save.tar", "--image", "1").code());
    }
}
