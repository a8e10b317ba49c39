package io.strata.analysis;

import io.strata.model.HistoryEntry;
import io.strata.model.ImageConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Pairs layers with the history steps that made them: the n-th non-empty history entry made layer n. */
public final class LayerAttribution {
    private LayerAttribution() {
    }

    /** For each layer position, the created_by of its history step (empty when history is short or absent). */
    /** The history comment BuildKit's Dockerfile frontend writes on every step it runs. */
    public static final String BUILDKIT_COMMENT = "buildkit.dockerfile.v0";

    /** Per layer: true when BuildKit made it (its history step carries BuildKit's comment). */
    public static List<Boolean> builtByBuildKit(ImageConfig config, int layerCount) {
        List<HistoryEntry> steps = config.layerHistory();
        List<Boolean> out = new ArrayList<>();
        for (int i = 0; i < layerCount; i++) {
            out.add(i < steps.size() && steps.get(i).comment().map(BUILDKIT_COMMENT::equals).orElse(false));
        }
        return out;
    }

    public static List<Optional<String>> createdBy(ImageConfig config, int layerCount) {
        List<HistoryEntry> steps = config.layerHistory();
        List<Optional<String>> out = new ArrayList<>();
        for (int i = 0; i < layerCount; i++) {
            if (i >= steps.size()) {
                out.add(Optional.empty());
                continue;
            }
            HistoryEntry step = steps.get(i);
            out.add(step.createdBy().or(step::comment));
        }
        return out;
    }
}
