package io.strata.analysis.waste;

import java.util.Optional;

/**
 * Waste seen from one layer: {@code wastedBytes} of its own content that later layers hid, and
 * {@code hiddenBytes} of lower layers' content that this layer hid (what its step cost without adding).
 */
public record LayerWaste(int layer, long contentBytes, long wastedBytes, long hiddenBytes, Optional<String> createdBy) {
}
