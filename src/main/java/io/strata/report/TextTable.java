package io.strata.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Aligned columns separated by three spaces, like docker's tabwriter output. */
public final class TextTable {
    private final List<String[]> rows = new ArrayList<>();
    private final boolean[] rightAlign;

    public TextTable(String... header) {
        rows.add(header);
        rightAlign = new boolean[header.length];
    }

    public TextTable rightAlign(int column) {
        rightAlign[column] = true;
        return this;
    }

    public TextTable row(Object... cells) {
        String[] r = new String[cells.length];
        for (int i = 0; i < cells.length; i++) r[i] = cells[i] == null ? "" : cells[i].toString();
        rows.add(r);
        return this;
    }

    public void print(PrintWriter out) {
        print(out, "");
    }

    /** Prints every line after {@code indent}, for a table nested under a heading. */
    public void print(PrintWriter out, String indent) {
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int i = 0; i < cols && i < r.length; i++) width[i] = Math.max(width[i], r[i].codePointCount(0, r[i].length()));
        }
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < cols; i++) {
                String cell = i < r.length ? r[i] : "";
                int pad = width[i] - cell.codePointCount(0, cell.length());
                boolean last = i == cols - 1;
                if (rightAlign[i]) sb.append(" ".repeat(pad)).append(cell);
                else sb.append(cell).append(last ? "" : " ".repeat(pad));
                if (!last) sb.append("   ");
            }
            out.println(indent + sb.toString().stripTrailing());
        }
    }
}
