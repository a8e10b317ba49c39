package io.strata.analysis.ci;

import java.util.List;

/**
 * One gate's verdict: the threshold as configured and the measured value, as numbers in the gate's unit (both
 * null when the gate is disabled), a failure message, and the offending paths.
 */
public record GateResult(String name, Status status, Unit unit, Number threshold, Number value, String message,
                         List<String> offenders) {

    public enum Status { PASS, FAIL, SKIP }

    /** What a gate's numbers measure: a ratio (0-1, shown as a percentage), bytes, or a count. */
    public enum Unit { RATIO, BYTES, COUNT }

    public GateResult {
        offenders = List.copyOf(offenders);
    }
}
