package io.strata.verify;

import io.strata.model.Digest;
import io.strata.model.Finding;

import java.util.List;
import java.util.Optional;

/** One image of the archive as verify saw it: its layers and everything found about it. */
public record ImageVerdict(String name, List<String> refs, String kind, String platform,
                           Optional<Digest> manifestDigest, Digest configDigest, List<LayerVerdict> layers,
                           List<Finding> findings) {

    public ImageVerdict {
        refs = List.copyOf(refs);
        layers = List.copyOf(layers);
        findings = List.copyOf(findings);
    }
}
