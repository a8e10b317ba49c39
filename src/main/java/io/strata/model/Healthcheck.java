package io.strata.model;

import java.util.List;
import java.util.Optional;

/** The config's Healthcheck; durations in nanoseconds as the config stores them. */
public record Healthcheck(List<String> test, Optional<Long> intervalNanos, Optional<Long> timeoutNanos,
                          Optional<Long> startPeriodNanos, Optional<Integer> retries) {
    public Healthcheck {
        test = List.copyOf(test);
    }
}
