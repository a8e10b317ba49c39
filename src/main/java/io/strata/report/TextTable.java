package io.strata.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Aligned columns separated by three spaces, like docker's tabwriter output. Columns marked {@link #fit} give way
 * when a line would be wider than {@link TextWidth}: the widest shrinks first, down to its minimum, its cells cut
 * with an ellipsis (at the end, or at the start for paths, whose end says most). When the width is unknown they
 * keep their default cap instead; {@link #noTrunc} cuts nothing.
 */
public final class TextTable {
    private final List<String[]> rows = new ArrayList<>();
    private final boolean[] rightAlign;
    private final int[] width;
    private final int[] min;
    private final int[] cap;
    private final boolean[] cutStart;
    private boolean noTrunc;

    public TextTable(String... header) {
        rightAlign = new boolean[header.length];
        width = new int[header.length];
        min = new int[header.length];
        cap = new int[header.length];
        cutStart = new boolean[header.length];
        add(header);
    }

    public TextTable rightAlign(int column) {
        rightAlign[column] = true;
        return this;
    }

    /**
     * Lets a column shrink to fit the width, to no less than {@code minimum}; {@code defaultCap} is its width when
     * the width is unknown (0: none).
     */
    public TextTable fit(int column, int minimum, int defaultCap) {
        min[column] = Math.max(2, minimum);
        cap[column] = defaultCap;
        return this;
    }

    /** Like {@link #fit}, cutting at the start ("…/conf/app.conf"): for paths. */
    public TextTable fitPath(int column, int minimum, int defaultCap) {
        fit(column, minimum, defaultCap);
        cutStart[column] = true;
        return this;
    }

    public TextTable noTrunc(boolean value) {
        noTrunc = value;
        return this;
    }

    public TextTable row(Object... cells) {
        String[] r = new String[cells.length];
        // cells carry archive text: escaped here, once for every table
        for (int i = 0; i < cells.length; i++) r[i] = cells[i] == null ? "" : TerminalText.escape(cells[i].toString());
        add(r);
        return this;
    }

    private void add(String[] row) {
        rows.add(row);
        for (int i = 0; i < width.length && i < row.length; i++) width[i] = Math.max(width[i], columns(row[i]));
    }

    public void print(PrintWriter out) {
        print(out, "");
    }

    /** Prints every line after {@code indent}, for a table nested under a heading. */
    public void print(PrintWriter out, String indent) {
        int cols = width.length;
        int[] w = limits(indent.length());
        StringBuilder sb = new StringBuilder(128);
        for (String[] r : rows) {
            sb.setLength(0);
            sb.append(indent);
            for (int i = 0; i < cols; i++) {
                String cell = i < r.length ? r[i] : "";
                if (w[i] < width[i]) cell = cut(cell, w[i], cutStart[i]);
                int pad = w[i] - columns(cell);
                boolean last = i == cols - 1;
                if (rightAlign[i]) spaces(sb, pad).append(cell);
                else if (last) sb.append(cell);
                else spaces(sb.append(cell), pad);
                if (!last) sb.append("   ");
            }
            int end = sb.length();
            while (end > indent.length() && Character.isWhitespace(sb.charAt(end - 1))) end--;
            sb.setLength(end);
            out.println(sb);
        }
    }

    /** Each column's width: its widest cell, fitting columns narrowed to the line width or their caps. */
    private int[] limits(int indent) {
        int[] w = width.clone();
        if (noTrunc) return w;
        int columns = TextWidth.columns();
        if (columns == 0) {
            for (int i = 0; i < w.length; i++) if (min[i] > 0 && cap[i] > 0) w[i] = Math.min(w[i], Math.max(cap[i], min[i]));
            return w;
        }
        int total = indent + 3 * (w.length - 1);
        for (int x : w) total += x;
        while (total > columns) {
            int widest = -1;
            for (int i = 0; i < w.length; i++) {
                if (min[i] > 0 && w[i] > min[i] && (widest < 0 || w[i] > w[widest])) widest = i;
            }
            if (widest < 0) break; // nothing left to give: the line stays long
            int next = 0; // shrink the widest to the next widest fitting column, or by what is over
            for (int i = 0; i < w.length; i++) if (i != widest && min[i] > 0 && w[i] < w[widest]) next = Math.max(next, w[i]);
            int by = Math.min(total - columns, w[widest] - Math.max(min[widest], next));
            if (by <= 0) by = 1;
            w[widest] -= by;
            total -= by;
        }
        return w;
    }

    /** A cell cut to {@code max} display columns with an ellipsis. */
    static String cut(String s, int max, boolean atStart) {
        int n = columns(s);
        if (n <= max) return s;
        if (!atStart) return s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
        return "…" + s.substring(s.offsetByCodePoints(0, n - (max - 1)));
    }

    /** Display columns of a cell: code points, so a multi-byte name is not over-padded. */
    private static int columns(String cell) {
        return cell.codePointCount(0, cell.length());
    }

    private static StringBuilder spaces(StringBuilder sb, int n) {
        for (int k = 0; k < n; k++) sb.append(' ');
        return sb;
    }
}
