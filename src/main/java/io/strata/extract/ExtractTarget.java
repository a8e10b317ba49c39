package io.strata.extract;

import java.util.Optional;

/**
 * What extract writes for a path: the bytes of one stored file entry ({@code layer}, {@code entry} index the
 * layer's LayerIndex), or, for a symlink asked for with --no-follow, the link's target text.
 */
public record ExtractTarget(String path, int layer, int entry, Optional<String> linkText) {

    static ExtractTarget bytesOf(String path, int layer, int entry) {
        return new ExtractTarget(path, layer, entry, Optional.empty());
    }

    static ExtractTarget link(String path, int layer, int entry, String target) {
        return new ExtractTarget(path, layer, entry, Optional.of(target));
    }
}
