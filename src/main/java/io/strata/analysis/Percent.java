package io.strata.analysis;

import java.util.Locale;

/** Ratios (0-1) shown to people as percentages: "65.4 %", with two decimals where one would round to 0 or 100. */
public final class Percent {
    private Percent() {
    }

    public static String of(double ratio) {
        if (!Double.isFinite(ratio)) return "n/a";
        double p = ratio * 100;
        String one = String.format(Locale.ROOT, "%.1f", p);
        if ((one.equals("100.0") && ratio != 1) || (one.equals("0.0") && ratio != 0)) {
            return String.format(Locale.ROOT, "%.2f %%", p);
        }
        return one + " %";
    }
}
