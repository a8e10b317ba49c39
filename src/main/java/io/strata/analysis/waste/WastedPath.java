package io.strata.analysis.waste;

import io.strata.layer.EntryKind;
import io.strata.tree.HiddenVersion;

import java.util.Optional;

/**
 * Bytes stored in one layer but not visible at the top: the path, the layer holding the bytes, the layer that
 * hid them, why, and the history steps (created_by) of both layers.
 */
public record WastedPath(String path, EntryKind kind, long bytes, int layer, int hiddenBy,
                         HiddenVersion.Reason reason, Optional<String> layerStep, Optional<String> hiddenByStep) {
}
