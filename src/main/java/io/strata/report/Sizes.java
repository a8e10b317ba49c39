package io.strata.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Sizes as docker prints them: decimal units, three significant digits ("1.05MB", "187B", "0B"). */
public final class Sizes {
    private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};

    private Sizes() {
    }

    public static String human(long bytes) {
        return human(bytes, 3);
    }

    /** Like go-units HumanSizeWithPrecision: divide by 1000 while >= 1000, then %.{precision}g. */
    public static String human(long bytes, int precision) {
        double size = bytes;
        int unit = 0;
        while (Math.abs(size) >= 1000 && unit < UNITS.length - 1) {
            size /= 1000;
            unit++;
        }
        BigDecimal d = new BigDecimal(size).round(new MathContext(precision, RoundingMode.HALF_EVEN));
        String text = d.stripTrailingZeros().toPlainString();
        return text + UNITS[unit];
    }

    /** Binary units for places where users expect them ("1.0 MiB"). */
    public static String binary(long bytes) {
        if (bytes < 1024) return bytes + " B";
        String[] u = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int i = -1;
        while (v >= 1024 && i < u.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, u[i]);
    }
}
