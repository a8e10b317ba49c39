package io.strata.analysis;

import java.util.Optional;

/**
 * One row of `docker history`: a history entry and, for non-empty ones, the size of the layer it made. Sizes are
 * empty when the layer's blob is not in the archive (an empty layer's sizes are 0, known).
 */
public record HistoryRow(Optional<String> created, Optional<String> createdBy, Optional<String> comment,
                         boolean emptyLayer, Optional<Long> contentBytes, Optional<Long> tarBytes,
                         Optional<Integer> layer) {
}
