package io.strata.analysis;

import java.util.Optional;

/** One row of `docker history`: a history entry and, for non-empty ones, the size of the layer it made. */
public record HistoryRow(Optional<String> created, Optional<String> createdBy, Optional<String> comment,
                         boolean emptyLayer, long contentBytes, long tarBytes, Optional<Integer> layer) {
}
