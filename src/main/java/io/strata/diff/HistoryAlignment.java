package io.strata.diff;

import io.strata.model.HistoryEntry;

import java.util.ArrayList;
import java.util.List;

/**
 * The two build histories aligned like a line diff: the longest common sequence of equal steps, and in between
 * the steps found on one side only, in order (within a gap, side A's steps first). Steps are equal when their
 * created_by, comment, author and empty_layer agree (and created, with timestamps).
 */
public record HistoryAlignment(int common, List<Edit> edits) {
    /** Beyond this many step pairs the middle is not matched step by step (a hostile config may hold millions). */
    static final long MAX_PAIRS = 4_000_000;

    /** A step present on one side only. */
    public record Edit(boolean inA, HistoryStep step) {
    }

    public HistoryAlignment {
        edits = List.copyOf(edits);
    }

    public boolean identical() {
        return edits.isEmpty();
    }

    public List<HistoryStep> onlyInA() {
        return edits.stream().filter(Edit::inA).map(Edit::step).toList();
    }

    public List<HistoryStep> onlyInB() {
        return edits.stream().filter(e -> !e.inA()).map(Edit::step).toList();
    }

    public static HistoryAlignment align(List<HistoryEntry> a, List<HistoryEntry> b, boolean timestamps) {
        int n = a.size();
        int m = b.size();
        int head = 0;
        while (head < n && head < m && same(a.get(head), b.get(head), timestamps)) head++;
        int tail = 0;
        while (tail < n - head && tail < m - head && same(a.get(n - 1 - tail), b.get(m - 1 - tail), timestamps)) tail++;
        int[][] lcs = lcs(a.subList(head, n - tail), b.subList(head, m - tail), timestamps);
        List<Edit> edits = new ArrayList<>();
        int matched = head + tail;
        int i = 0;
        int j = 0;
        int rows = n - head - tail;
        int cols = m - head - tail;
        List<Edit> gapB = new ArrayList<>();
        while (i < rows || j < cols) {
            if (i < rows && j < cols && lcs != null && same(a.get(head + i), b.get(head + j), timestamps)
                    && lcs[i][j] == lcs[i + 1][j + 1] + 1) {
                edits.addAll(gapB);
                gapB.clear();
                matched++;
                i++;
                j++;
            } else if (j == cols || (i < rows && (lcs == null || lcs[i + 1][j] >= lcs[i][j + 1]))) {
                edits.add(new Edit(true, new HistoryStep(head + i, a.get(head + i))));
                i++;
            } else {
                gapB.add(new Edit(false, new HistoryStep(head + j, b.get(head + j))));
                j++;
            }
        }
        edits.addAll(gapB);
        return new HistoryAlignment(matched, edits);
    }

    /** Suffix LCS lengths, or null when the middle is too large to match step by step. */
    private static int[][] lcs(List<HistoryEntry> a, List<HistoryEntry> b, boolean timestamps) {
        if ((long) a.size() * b.size() > MAX_PAIRS) return null;
        int[][] t = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                t[i][j] = same(a.get(i), b.get(j), timestamps) ? t[i + 1][j + 1] + 1 : Math.max(t[i + 1][j], t[i][j + 1]);
            }
        }
        return t;
    }

    private static boolean same(HistoryEntry x, HistoryEntry y, boolean timestamps) {
        return x.createdBy().equals(y.createdBy()) && x.comment().equals(y.comment())
                && x.author().equals(y.author()) && x.emptyLayer() == y.emptyLayer()
                && (!timestamps || x.created().equals(y.created()));
    }
}
