package io.strata.report;

import io.strata.analysis.Percent;
import io.strata.analysis.ci.CiConfig;
import io.strata.analysis.ci.GateResult;
import io.strata.analysis.waste.DiveFigures;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** `strata ci` output: one line per gate (PASS, FAIL or SKIP) and a tally, as dive prints it. */
public final class CiWriter implements ResultWriter<CiWriter.Gated> {
    /** dive's listing of inefficient paths in ci JSON: the biggest, with the count left out. */
    private static final int DIVE_PATHS = 10;

    /** ci's result for one image: the gates as configured, dive's figures, each gate's outcome. */
    public record Gated(String image, CiConfig config, DiveFigures dive, List<GateResult> gates) {
    }

    @Override
    public Map<String, Object> json(Gated r) {
        return json(r.image(), r.config(), r.dive(), r.gates());
    }

    @Override
    public void text(Gated r, PrintWriter out) {
        text(r.image(), r.config(), r.dive(), r.gates(), out);
    }

    /** A set counts the images that failed a gate. */
    @Override
    public Map<String, Long> setFigures(Gated r) {
        return Map.of("failedImages", passed(r.gates()) ? 0L : 1L);
    }

    public static boolean passed(List<GateResult> gates) {
        return gates.stream().noneMatch(g -> g.status() == GateResult.Status.FAIL);
    }

    /** threshold and value are JSON numbers in the gate's unit (ratio 0-1, bytes, count); null when disabled. */
    private static Map<String, Object> json(String image, CiConfig config, DiveFigures dive, List<GateResult> gates) {
        Map<String, Object> doc = JsonOutput.document();
        doc.put("image", image);
        doc.put("config", config.source());
        doc.put("pass", passed(gates));
        List<Object> rows = new ArrayList<>();
        for (GateResult g : gates) {
            Map<String, Object> m = JsonOutput.object();
            m.put("name", g.name());
            m.put("status", g.status().name());
            m.put("unit", g.unit().name().toLowerCase(Locale.ROOT));
            m.put("threshold", g.threshold());
            m.put("value", g.value());
            m.put("message", g.message());
            if (!g.offenders().isEmpty()) m.put("offenders", g.offenders());
            rows.add(m);
        }
        doc.put("gates", rows);
        doc.put("ignoredKeys", config.ignored());
        doc.put("dive", WasteWriter.diveJson(dive, DIVE_PATHS));
        return doc;
    }

    private static void text(String image, CiConfig config, DiveFigures dive, List<GateResult> gates, PrintWriter out) {
        out.printf("Image: %s (gates from %s)%n", image, config.source());
        TextWidth.println(out, "  dive's figures: ", WasteWriter.diveText(dive));
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
            TextWidth.println(out, "  " + g.status() + ": ", g.name() + ": " + detail(g));
        }
        out.printf("Result:%s [Total:%d] [Passed:%d] [Failed:%d] [Skipped:%d]%n", fail > 0 ? "FAIL" : "PASS",
                gates.size(), pass, fail, skip);
    }

    /** What a gate found, in words: the failure message, or the value against the threshold. */
    static String detail(GateResult g) {
        return switch (g.status()) {
            case SKIP -> "rule disabled";
            case FAIL -> g.message();
            case PASS -> "value " + figure(g, g.value()) + ", threshold " + figure(g, g.threshold());
        };
    }

    private static String figure(GateResult g, Number n) {
        if (n == null) return "n/a";
        return switch (g.unit()) {
            case RATIO -> Percent.of(n.doubleValue());
            case BYTES -> Sizes.human(n.longValue()) + " (" + n.longValue() + " B)";
            case COUNT -> n.toString();
        };
    }
}
