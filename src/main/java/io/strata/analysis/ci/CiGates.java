package io.strata.analysis.ci;

import io.strata.analysis.Percent;
import io.strata.analysis.files.FileModes;
import io.strata.model.ImagePath;
import io.strata.tree.VisibleFile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Evaluates the gates. dive's three keep dive's names, meanings and comparisons and use dive's figures, so a
 * pipeline moving from dive gets the same verdicts: lowestEfficiency fails when the threshold is above the
 * efficiency, highestWastedBytes when wasted bytes exceed it, highestUserWastedPercent when the share exceeds
 * it. Strata's own: maxLayers, maxLogicalBytes, noSetuid (regular files with setuid or setgid) and
 * noWorldWritable (anything but symlinks and sticky directories writable by others), each with an allow list.
 * "disabled" (or "false" for the yes/no gates) gives SKIP. Every value is checked before any gate runs.
 */
public final class CiGates {
    private static final int LISTED_OFFENDERS = 5;

    private CiGates() {
    }

    public static List<GateResult> evaluate(CiConfig config, CiFacts facts, Predicate<ImagePath> allowSetuid,
                                            Predicate<ImagePath> allowWorldWritable) throws CiConfigException {
        validate(config);
        List<GateResult> out = new ArrayList<>();
        var dive = facts.dive();
        out.add(ratio(config, CiConfig.LOWEST_EFFICIENCY, dive.efficiency(), true,
                "efficiency is too low (efficiency=%s < threshold=%s)"));
        out.add(bytes(config, CiConfig.HIGHEST_WASTED_BYTES, dive.wastedBytes(),
                "too many bytes wasted (wasted-bytes=%s > threshold=%s)"));
        out.add(ratio(config, CiConfig.HIGHEST_USER_WASTED_PERCENT, dive.userWastedPercent(), false,
                "too many bytes wasted, relative to the user bytes added (userWastedPercent=%s > threshold=%s)"));
        out.add(count(config, CiConfig.MAX_LAYERS, facts.layers()));
        out.add(bytes(config, CiConfig.MAX_LOGICAL_BYTES, facts.logicalBytes(),
                "image too large (logical-bytes=%s > threshold=%s)"));
        out.add(files(config, CiConfig.NO_SETUID, facts.visible(),
                f -> f.isRegularContent() && FileModes.isSetuidOrSetgid(f.mode()) && !allowSetuid.test(f.path()),
                "setuid/setgid"));
        out.add(files(config, CiConfig.NO_WORLD_WRITABLE, facts.visible(),
                f -> FileModes.isUnsafeWorldWritable(f.kind(), f.mode()) && !allowWorldWritable.test(f.path()),
                "world-writable"));
        return out;
    }

    /** Checks every threshold of the settings, so a bad one is reported before any image is read. */
    public static void validate(CiConfig c) throws CiConfigException {
        for (String key : List.of(CiConfig.LOWEST_EFFICIENCY, CiConfig.HIGHEST_USER_WASTED_PERCENT)) {
            String v = c.value(key);
            if (disabled(v)) continue;
            double d = parseRatio(c, key, v);
            // NaN compares false both ways: it would pass every range check and then every gate
            if (Double.isNaN(d) || d < 0 || d > 1) throw invalid(c, key, v, "outside the allowed range (0-1)");
        }
        for (String key : List.of(CiConfig.HIGHEST_WASTED_BYTES, CiConfig.MAX_LOGICAL_BYTES)) {
            String v = c.value(key);
            if (disabled(v)) continue;
            try {
                ByteSizes.parse(v);
            } catch (IllegalArgumentException e) {
                throw invalid(c, key, v, e.getMessage());
            }
        }
        String layers = c.value(CiConfig.MAX_LAYERS);
        if (!disabled(layers) && !layers.matches("\\d{1,9}")) throw invalid(c, CiConfig.MAX_LAYERS, layers, "not a count");
        for (String key : List.of(CiConfig.NO_SETUID, CiConfig.NO_WORLD_WRITABLE)) {
            String v = c.value(key).toLowerCase(Locale.ROOT);
            if (!v.equals("true") && !v.equals("false") && !disabled(v)) {
                throw invalid(c, key, c.value(key), "expected true, false or disabled");
            }
        }
    }

    private static boolean disabled(String v) {
        return v.equals(CiConfig.DISABLED);
    }

    private static double parseRatio(CiConfig c, String key, String v) throws CiConfigException {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw invalid(c, key, v, "not a number");
        }
    }

    private static CiConfigException invalid(CiConfig c, String key, String value, String why) {
        return new CiConfigException(c.source() + ": " + key + ": invalid value '" + value + "': " + why);
    }

    private static GateResult skip(String key, GateResult.Unit unit) {
        return new GateResult(key, GateResult.Status.SKIP, unit, null, null, "rule disabled", List.of());
    }

    /** lowest: fail when threshold > value; highest: fail when threshold < value (NaN passes, as in Go). */
    private static GateResult ratio(CiConfig c, String key, double value, boolean lowest, String failFormat) {
        String v = c.value(key);
        if (disabled(v)) return skip(key, GateResult.Unit.RATIO);
        double threshold = Double.parseDouble(v);
        boolean fail = lowest ? threshold > value : threshold < value;
        return verdict(key, fail, GateResult.Unit.RATIO, threshold, Double.isFinite(value) ? value : null,
                String.format(failFormat, Percent.of(value), Percent.of(threshold)));
    }

    private static GateResult bytes(CiConfig c, String key, long value, String failFormat) {
        String v = c.value(key);
        if (disabled(v)) return skip(key, GateResult.Unit.BYTES);
        long threshold = ByteSizes.parse(v);
        return verdict(key, value > threshold, GateResult.Unit.BYTES, threshold, value,
                String.format(failFormat, value, threshold));
    }

    private static GateResult count(CiConfig c, String key, int value) {
        String v = c.value(key);
        if (disabled(v)) return skip(key, GateResult.Unit.COUNT);
        int threshold = Integer.parseInt(v);
        return verdict(key, value > threshold, GateResult.Unit.COUNT, threshold, value,
                "too many layers (layers=" + value + " > threshold=" + threshold + ")");
    }

    private static GateResult files(CiConfig c, String key, List<VisibleFile> visible, Predicate<VisibleFile> offends,
                                    String what) {
        String v = c.value(key).toLowerCase(Locale.ROOT);
        if (!v.equals("true")) return skip(key, GateResult.Unit.COUNT);
        List<String> offenders = visible.stream().filter(offends).map(f -> f.path().absolute()).sorted().toList();
        String shown = String.join(", ", offenders.subList(0, Math.min(LISTED_OFFENDERS, offenders.size())))
                + (offenders.size() > LISTED_OFFENDERS ? " and " + (offenders.size() - LISTED_OFFENDERS) + " more" : "");
        // the threshold of a yes/no gate: no offending file allowed
        GateResult r = verdict(key, !offenders.isEmpty(), GateResult.Unit.COUNT, 0, offenders.size(),
                offenders.size() + " " + what + " file(s) outside the allow list: " + shown);
        return new GateResult(r.name(), r.status(), r.unit(), r.threshold(), r.value(), r.message(), offenders);
    }

    private static GateResult verdict(String key, boolean fail, GateResult.Unit unit, Number threshold, Number value,
                                      String failMessage) {
        return new GateResult(key, fail ? GateResult.Status.FAIL : GateResult.Status.PASS, unit, threshold, value,
                fail ? failMessage : "", List.of());
    }
}
