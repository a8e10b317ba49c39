package io.strata.analysis.ci;

import java.util.List;

/** One gate's verdict: its threshold as configured, the measured value, a message, and offending paths. */
public record GateResult(String name, Status status, String threshold, String value, String message,
                         List<String> offenders) {

    public enum Status { PASS, FAIL, SKIP }

    public GateResult {
        offenders = List.copyOf(offenders);
    }
}
