package io.strata.cli;

import io.strata.session.ExitCodes;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.strata.cli.CliRun.SAMPLE;
import static io.strata.cli.CliRun.strata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CiCommandTest {
    @TempDir
    Path dir;

    private String config(String text) throws Exception {
        Path f = dir.resolve(".dive-ci");
        Files.writeString(f, text);
        return f.toString();
    }

    @Test
    void divesDefaultsFailTheSampleWithExitOne() {
        CliRun r = strata("ci", SAMPLE);
        assertEquals(ExitCodes.FOUND, r.code(), r.err());
        assertTrue(r.out().contains("FAIL: lowestEfficiency"), r.out());
        assertTrue(r.out().contains("SKIP: highestWastedBytes"), r.out());
        assertTrue(r.out().contains("Result:FAIL"), r.out());
    }

    @Test
    void aDiveCiFileThatIsMetPasses() throws Exception {
        String cfg = config("rules:\n  lowestEfficiency: 0.5\n  highestWastedBytes: 2MB\n"
                + "  highestUserWastedPercent: disabled\n  maxLayers: 9\n");
        CliRun r = strata("ci", SAMPLE, "--config", cfg);
        assertEquals(ExitCodes.OK, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("PASS: maxLayers"), r.out());
        assertTrue(r.out().contains("Result:PASS"), r.out());
    }

    @Test
    void setuidGateWithAnAllowList() throws Exception {
        String cfg = config("rules:\n  lowestEfficiency: disabled\n  highestUserWastedPercent: disabled\n"
                + "  noSetuid: true\n");
        CliRun fail = strata("ci", SAMPLE, "--config", cfg, "--format", "json");
        assertEquals(ExitCodes.FOUND, fail.code(), fail.err());
        JsonNode doc = fail.json();
        assertFalse(doc.path("pass").asBoolean());
        JsonNode gate = null;
        for (JsonNode g : doc.path("gates")) if (g.path("name").asText().equals("noSetuid")) gate = g;
        assertEquals("FAIL", gate.path("status").asText());
        assertEquals(2, gate.path("offenders").size());
        CliRun pass = strata("ci", SAMPLE, "--config", cfg, "--allow-setuid", "/opt/app/bin/*");
        assertEquals(ExitCodes.OK, pass.code(), pass.out() + pass.err());
    }

    @Test
    void optionsOverrideTheFile() throws Exception {
        String cfg = config("rules:\n  lowestEfficiency: 0.1\n  highestUserWastedPercent: disabled\n");
        assertEquals(ExitCodes.OK, strata("ci", SAMPLE, "--config", cfg).code());
        assertEquals(ExitCodes.FOUND, strata("ci", SAMPLE, "--config", cfg, "--max-layers", "3").code());
        // the sample's only world-writable paths are sticky directories (/tmp, /srv/shared)
        assertEquals(ExitCodes.OK, strata("ci", SAMPLE, "--config", cfg, "--no-world-writable").code());
    }

    @Test
    void misconfigurationExitsTwoNamingTheFile() throws Exception {
        String cfg = config("rules:\n  lowestEfficiency: 1.5\n");
        CliRun r = strata("ci", SAMPLE, "--config", cfg);
        assertEquals(ExitCodes.BAD_INPUT, r.code());
        assertTrue(r.err().contains(".dive-ci") && r.err().contains("lowestEfficiency"), r.err());
        assertEquals(ExitCodes.BAD_INPUT, strata("ci", SAMPLE, "--config", dir.resolve("absent").toString()).code());
        assertEquals(ExitCodes.BAD_INPUT, strata("ci", SAMPLE, "--highest-wasted-bytes", "lots").code());
    }
}
