package io.strata.analysis.ci;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;

/**
 * Parses sizes the way dive does (go-humanize ParseBytes): a number, optional space, an optional unit;
 * "20MB" and "20M" are decimal (20,000,000), "20MiB" and "20Mi" binary; no unit or "B" means bytes; commas
 * in the number are ignored; case does not matter.
 */
public final class ByteSizes {
    private static final Map<String, Long> UNITS = Map.ofEntries(
            Map.entry("", 1L), Map.entry("b", 1L),
            Map.entry("k", 1000L), Map.entry("kb", 1000L), Map.entry("ki", 1L << 10), Map.entry("kib", 1L << 10),
            Map.entry("m", 1000_000L), Map.entry("mb", 1000_000L), Map.entry("mi", 1L << 20), Map.entry("mib", 1L << 20),
            Map.entry("g", 1000_000_000L), Map.entry("gb", 1000_000_000L), Map.entry("gi", 1L << 30),
            Map.entry("gib", 1L << 30),
            Map.entry("t", 1000_000_000_000L), Map.entry("tb", 1000_000_000_000L), Map.entry("ti", 1L << 40),
            Map.entry("tib", 1L << 40),
            Map.entry("p", 1000_000_000_000_000L), Map.entry("pb", 1000_000_000_000_000L), Map.entry("pi", 1L << 50),
            Map.entry("pib", 1L << 50),
            Map.entry("e", 1000_000_000_000_000_000L), Map.entry("eb", 1000_000_000_000_000_000L),
            Map.entry("ei", 1L << 60), Map.entry("eib", 1L << 60));

    private ByteSizes() {
    }

    /** The size in bytes, or IllegalArgumentException saying what is wrong. */
    public static long parse(String text) {
        String s = text.strip();
        int end = 0;
        while (end < s.length() && (Character.isDigit(s.charAt(end)) || s.charAt(end) == '.' || s.charAt(end) == ',')) {
            end++;
        }
        String number = s.substring(0, end).replace(",", "");
        String unit = s.substring(end).strip().toLowerCase(Locale.ROOT);
        Long multiplier = UNITS.get(unit);
        if (number.isEmpty() || multiplier == null) {
            throw new IllegalArgumentException("'" + text + "' is not a size (like 20MB, 512KiB or 1000)");
        }
        try {
            BigDecimal bytes = new BigDecimal(number).multiply(BigDecimal.valueOf(multiplier));
            if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
                throw new IllegalArgumentException("'" + text + "' is too large");
            }
            return bytes.longValue();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a size (like 20MB, 512KiB or 1000)");
        }
    }
}
