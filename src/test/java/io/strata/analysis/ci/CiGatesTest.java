package io.strata.analysis.ci;

import io.strata.analysis.waste.DiveFigures;
import io.strata.layer.EntryKind;
import io.strata.model.ImagePath;
import io.strata.tree.VisibleFile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CiGatesTest {
    private static VisibleFile file(String path, EntryKind kind, int mode) {
        return new VisibleFile(new ImagePath(path), kind, mode, 0, 0, 1, Optional.empty(), Optional.empty(), 0, 0, 0,
                0, 0, Map.of());
    }

    private static final List<VisibleFile> FILES = List.of(
            file("usr/bin/passwd", EntryKind.FILE, 04755), file("usr/bin/wall", EntryKind.FILE, 02755),
            file("srv/shared", EntryKind.DIR, 01777), file("data/open", EntryKind.FILE, 0666),
            file("link", EntryKind.SYMLINK, 0777), file("var/mail", EntryKind.DIR, 02775));
    private static final CiFacts FACTS = new CiFacts(new DiveFigures(0.95, 5_000_000, 0.25, 100, 80, List.of()),
            7, 123_000_000, FILES);

    private static Map<String, GateResult.Status> run(Map<String, String> rules, List<String> allowSetuid)
            throws CiConfigException {
        CiConfig c = new CiConfig("test", rules, Map.of(CiConfig.ALLOW_SETUID, allowSetuid), List.of());
        Map<String, GateResult.Status> out = new java.util.LinkedHashMap<>();
        for (GateResult g : CiGates.evaluate(c, FACTS, p -> c.list(CiConfig.ALLOW_SETUID).contains(p.absolute()),
                p -> false)) {
            out.put(g.name(), g.status());
        }
        return out;
    }

    @Test
    void divesRulesCompareAsDiveDoes() throws Exception {
        var r = run(Map.of(CiConfig.LOWEST_EFFICIENCY, "0.95", CiConfig.HIGHEST_WASTED_BYTES, "5MB",
                CiConfig.HIGHEST_USER_WASTED_PERCENT, "0.25"), List.of());
        // equal to the threshold passes in all three (dive: threshold > value, value > threshold, threshold < value)
        assertEquals(GateResult.Status.PASS, r.get(CiConfig.LOWEST_EFFICIENCY));
        assertEquals(GateResult.Status.PASS, r.get(CiConfig.HIGHEST_WASTED_BYTES));
        assertEquals(GateResult.Status.PASS, r.get(CiConfig.HIGHEST_USER_WASTED_PERCENT));
        var f = run(Map.of(CiConfig.LOWEST_EFFICIENCY, "0.96", CiConfig.HIGHEST_WASTED_BYTES, "4999999",
                CiConfig.HIGHEST_USER_WASTED_PERCENT, "0.2"), List.of());
        assertEquals(GateResult.Status.FAIL, f.get(CiConfig.LOWEST_EFFICIENCY));
        assertEquals(GateResult.Status.FAIL, f.get(CiConfig.HIGHEST_WASTED_BYTES));
        assertEquals(GateResult.Status.FAIL, f.get(CiConfig.HIGHEST_USER_WASTED_PERCENT));
    }

    @Test
    void defaultsAreDivesAndStrataGatesAreSkipped() throws Exception {
        var r = run(Map.of(), List.of());
        assertEquals(GateResult.Status.PASS, r.get(CiConfig.LOWEST_EFFICIENCY)); // 0.95 >= 0.9
        assertEquals(GateResult.Status.SKIP, r.get(CiConfig.HIGHEST_WASTED_BYTES));
        assertEquals(GateResult.Status.FAIL, r.get(CiConfig.HIGHEST_USER_WASTED_PERCENT)); // 0.25 > 0.1
        assertEquals(GateResult.Status.SKIP, r.get(CiConfig.MAX_LAYERS));
        assertEquals(GateResult.Status.SKIP, r.get(CiConfig.NO_SETUID));
    }

    @Test
    void strataGates() throws Exception {
        var r = run(Map.of(CiConfig.MAX_LAYERS, "6", CiConfig.MAX_LOGICAL_BYTES, "123MB", CiConfig.NO_SETUID, "true",
                CiConfig.NO_WORLD_WRITABLE, "true"), List.of("/usr/bin/passwd"));
        assertEquals(GateResult.Status.FAIL, r.get(CiConfig.MAX_LAYERS));
        assertEquals(GateResult.Status.PASS, r.get(CiConfig.MAX_LOGICAL_BYTES));
        assertEquals(GateResult.Status.FAIL, r.get(CiConfig.NO_SETUID));
        assertEquals(GateResult.Status.FAIL, r.get(CiConfig.NO_WORLD_WRITABLE));
        CiConfig c = new CiConfig("t", Map.of(CiConfig.NO_SETUID, "true", CiConfig.NO_WORLD_WRITABLE, "true"),
                Map.of(), List.of());
        List<GateResult> gates = CiGates.evaluate(c, FACTS, p -> p.absolute().equals("/usr/bin/passwd"), p -> false);
        GateResult setuid = gates.stream().filter(g -> g.name().equals(CiConfig.NO_SETUID)).findFirst().orElseThrow();
        assertEquals(List.of("/usr/bin/wall"), setuid.offenders()); // a setgid directory is not an executable
        GateResult writable = gates.stream().filter(g -> g.name().equals(CiConfig.NO_WORLD_WRITABLE)).findFirst()
                .orElseThrow();
        assertEquals(List.of("/data/open"), writable.offenders()); // not the sticky dir, not the symlink
    }

    @Test
    void invalidValuesAreRejectedBeforeAnyGateRuns() {
        for (Map<String, String> bad : List.of(Map.of(CiConfig.LOWEST_EFFICIENCY, "1.5"),
                Map.of(CiConfig.HIGHEST_USER_WASTED_PERCENT, "lots"), Map.of(CiConfig.HIGHEST_WASTED_BYTES, "20XB"),
                Map.of(CiConfig.MAX_LAYERS, "-1"), Map.of(CiConfig.NO_SETUID, "maybe"))) {
            CiConfigException e = assertThrows(CiConfigException.class, () -> run(bad, List.of()));
            assertTrue(e.getMessage().startsWith("test: " + bad.keySet().iterator().next()), e.getMessage());
        }
    }

    @Test
    void nanUserWastedPercentPassesAsInGo() throws Exception {
        CiFacts nan = new CiFacts(new DiveFigures(1.0, 0, Double.NaN, 0, 0, List.of()), 1, 0, List.of());
        List<GateResult> gates = CiGates.evaluate(CiConfig.defaults(), nan, p -> false, p -> false);
        assertEquals(GateResult.Status.PASS, gates.get(2).status());
    }
}
