package io.strata.analysis.waste;

/** A path dive calls inefficient: seen {@code count} times across layers, {@code cumulativeBytes} in all. */
public record DivePath(String path, int count, long cumulativeBytes) {
}
