package io.strata.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Sizes as docker prints them: decimal units, three significant digits ("1.05MB", "187B", "0B"). */
public final class Sizes {
    private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
    /** Sizes already formatted: a listing of 200,000 files has a few thousand distinct sizes. Bounded. */
    private static final Map<Long, String> FORMATTED = new ConcurrentHashMap<>();
    private static final int MAX_FORMATTED = 1 << 16;

    private Sizes() {
    }

    public static String human(long bytes) {
        String text = FORMATTED.get(bytes);
        if (text == null) {
            text = human(bytes, 3);
            if (FORMATTED.size() < MAX_FORMATTED) FORMATTED.put(bytes, text);
        }
        return text;
    }

    /** Like go-units HumanSizeWithPrecision: divide by 1000 while >= 1000, then %.{precision}g. */
    public static String human(long bytes, int precision) {
        // below 1000 the figure is the whole number itself (%g of an integer with at least 3 digits of precision)
        if (precision >= 3 && bytes > -1000 && bytes < 1000) return bytes + UNITS[0];
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
