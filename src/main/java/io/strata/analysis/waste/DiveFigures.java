package io.strata.analysis.waste;

import java.util.List;

/**
 * dive's three figures, computed by dive's rules so CI gates can migrate: {@code efficiency} (its "score"),
 * {@code wastedBytes} (all occurrences of every path seen twice or more) and {@code userWastedPercent}
 * (wastedBytes over the sizes of layers 1..n; infinite or NaN when those are 0, as in dive).
 * {@code sizeBytes}/{@code userSizeBytes} are dive's layer sizes (sums of tar header sizes).
 */
public record DiveFigures(double efficiency, long wastedBytes, double userWastedPercent, long sizeBytes,
                          long userSizeBytes, List<DivePath> inefficient) {
    public DiveFigures {
        inefficient = List.copyOf(inefficient);
    }
}
