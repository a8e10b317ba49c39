package io.strata.report;

import io.strata.analysis.ci.CiConfig;
import io.strata.analysis.ci.GateResult;
import io.strata.analysis.waste.DiveFigures;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** `strata ci` output: one line per gate (PASS, FAIL or SKIP) and a tally, as dive prints it. */
public final class CiWriter {
    private CiWriter() {
    }

    public static boolean passed(List<GateResult> gates) {
        return gates.stream().noneMatch(g -> g.status() == GateResult.Status.FAIL);
    }

    public static Map<String, Object> json(String image, CiConfig config, DiveFigures dive, List<GateResult> gates) {
        Map<String, Object> doc = JsonOutput.document();
        doc.put("image", image);
        doc.put("config", config.source());
        doc.put("pass", passed(gates));
        List<Object> rows = new ArrayList<>();
        for (GateResult g : gates) {
            Map<String, Object> m = JsonOutput.object();
            m.put("name", g.name());
            m.put("status", g.status().name());
            m.put("threshold", g.threshold());
            m.put("value", g.value());
            m.put("message", g.message());
            if (!g.offenders().isEmpty()) m.put("offenders", g.offenders());
            rows.add(m);
        }
        doc.put("gates", rows);
        doc.put("ignoredKeys", config.ignored());
        doc.put("dive", WasteWriter.diveJson(dive, 10));
        return doc;
    }

    public static void text(String image, CiConfig config, DiveFigures dive, List<GateResult> gates, PrintWriter out) {
        out.printf("Image: %s (gates from %s)%n", image, config.source());
        out.printf("  dive's figures: efficiency %s, wastedBytes %d, userWastedPercent %s%n", dive.efficiency(),
                dive.wastedBytes(), dive.userWastedPercent());
        for (String key : config.ignored()) out.printf("  note: unknown rule ignored (%s)%n", key);
        int pass = 0;
        int fail = 0;
        int skip = 0;
        for (GateResult g : gates) {
            switch (g.status()) {
                case PASS -> pass++;
                case FAIL -> fail++;
                case SKIP -> skip++;
            }
            String detail = g.status() == GateResult.Status.SKIP ? "rule disabled"
                    : g.status() == GateResult.Status.FAIL ? g.message()
                    : "value " + g.value() + ", threshold " + g.threshold();
            out.printf("  %s: %s: %s%n", g.status(), g.name(), detail);
        }
        out.printf("Result:%s [Total:%d] [Passed:%d] [Failed:%d] [Skipped:%d]%n", fail > 0 ? "FAIL" : "PASS",
                gates.size(), pass, fail, skip);
    }
}
