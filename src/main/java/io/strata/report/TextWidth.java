package io.strata.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The width text output fits: COLUMNS when set, else the terminal's width when standard output is one (the
 * launcher measures it), else unknown (0): then columns keep their default caps, as docker's are fixed, and
 * nothing wraps. Set once per run by the command line.
 */
public final class TextWidth {
    private static volatile int columns;

    private TextWidth() {
    }

    public static void set(int width) {
        columns = Math.max(0, width);
    }

    /** The width to fit, or 0 when unknown. */
    public static int columns() {
        return columns;
    }

    /** Prints {@code head + text}, the text wrapped to the width with continuation lines under its start. */
    public static void println(java.io.PrintWriter out, String head, String text) {
        List<String> lines = wrap(text, head.length());
        String pad = " ".repeat(head.length());
        for (int i = 0; i < lines.size(); i++) out.println((i == 0 ? head : pad) + lines.get(i));
    }

    /** {@code text} cut at spaces into lines of at most the width less the indent (whole when unknown). */
    public static List<String> wrap(String text, int indent) {
        int room = columns - indent;
        List<String> out = new ArrayList<>();
        if (columns == 0 || room < 20 || text.codePointCount(0, text.length()) <= room) {
            out.add(text);
            return out;
        }
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (!line.isEmpty() && line.length() + 1 + word.length() > room) {
                out.add(line.toString());
                line.setLength(0);
            }
            if (!line.isEmpty()) line.append(' ');
            line.append(word);
        }
        if (!line.isEmpty()) out.add(line.toString());
        return out;
    }
}
