package io.strata.model;

import java.util.Optional;

/** One step of the image's build history, as the config records it. */
public record HistoryEntry(Optional<String> created, Optional<String> createdBy, Optional<String> author,
                           Optional<String> comment, boolean emptyLayer) {
}
