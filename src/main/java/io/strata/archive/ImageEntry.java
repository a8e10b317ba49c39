package io.strata.archive;

import io.strata.model.Digest;
import io.strata.model.Finding;
import io.strata.model.ImageConfig;
import io.strata.model.Platform;

import java.util.List;
import java.util.Optional;

/** One image (one manifest) found in an archive, with its config read and its layers located. */
public record ImageEntry(int position, Kind kind, List<String> refs, Optional<Digest> manifestDigest,
                         Optional<String> manifestMediaType, Digest configDigest, String configMediaType,
                         long configBytes, ImageConfig config, Platform platform, List<LayerRef> layers,
                         List<Finding> findings) {

    /** Attestations and other artifacts are listed but are not platforms to analyse. */
    public enum Kind { IMAGE, ATTESTATION, ARTIFACT }

    public ImageEntry {
        refs = List.copyOf(refs);
        layers = List.copyOf(layers);
        findings = List.copyOf(findings);
    }

    public String displayName() {
        if (!refs.isEmpty()) return refs.get(0);
        return manifestDigest.map(d -> "@" + d.shortHex()).orElse("image " + position);
    }
}
