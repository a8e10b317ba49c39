package io.strata.diff;

import io.strata.model.HistoryEntry;

/** A build history entry with its position in its image's history (0 = the oldest step). */
public record HistoryStep(int index, HistoryEntry entry) {
}
