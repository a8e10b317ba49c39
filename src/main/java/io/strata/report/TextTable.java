package io.strata.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Aligned columns separated by three spaces, like docker's tabwriter output. */
public final class TextTable {
    private final List<String[]> rows = new ArrayList<>();
    private final boolean[] rightAlign;
    private final int[] width;

    public TextTable(String... header) {
        rightAlign = new boolean[header.length];
        width = new int[header.length];
        add(header);
    }

    public TextTable rightAlign(int column) {
        rightAlign[column] = true;
        return this;
    }

    public TextTable row(Object... cells) {
        String[] r = new String[cells.length];
        for (int i = 0; i < cells.length; i++) r[i] = cells[i] == null ? "" : cells[i].toString();
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
        StringBuilder sb = new StringBuilder(128);
        for (String[] r : rows) {
            sb.setLength(0);
            sb.append(indent);
            for (int i = 0; i < cols; i++) {
                String cell = i < r.length ? r[i] : "";
                int pad = width[i] - columns(cell);
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

    /** Display columns of a cell: code points, so a multi-byte name is not over-padded. */
    private static int columns(String cell) {
        return cell.codePointCount(0, cell.length());
    }

    private static StringBuilder spaces(StringBuilder sb, int n) {
        for (int k = 0; k < n; k++) sb.append(' ');
        return sb;
    }
}
