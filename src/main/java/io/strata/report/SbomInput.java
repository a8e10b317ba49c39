package io.strata.report;

import io.strata.model.Digest;
import io.strata.model.Platform;
import io.strata.packages.DeclaredPackage;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What an SBOM says about one image, whichever format writes it.
 *
 * @param created when the document is made (both formats require it)
 */
public record SbomInput(Image image, List<Package> packages, String toolVersion, Instant created) {

    public SbomInput {
        packages = List.copyOf(packages);
    }

    /**
     * The image: the root component of a CycloneDX BOM, the package an SPDX document describes.
     *
     * @param refs the names the archive gives it (tags), possibly none
     */
    public record Image(List<String> refs, Optional<Digest> manifestDigest, Digest configDigest, Platform platform,
                        SortedMap<String, String> labels, Optional<String> created) {
        public Image {
            refs = List.copyOf(refs);
            labels = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(labels));
        }

        /** The repository of the first ref ({@code localhost/app} of {@code localhost/app:1.0}), else the config digest. */
        public String name() {
            if (refs.isEmpty()) return configDigest.toString();
            String ref = refs.get(0);
            int at = ref.indexOf('@');
            if (at >= 0) ref = ref.substring(0, at);
            int colon = ref.lastIndexOf(':');
            return colon > ref.lastIndexOf('/') ? ref.substring(0, colon) : ref;
        }

        /** The tag of the first ref, else the manifest or config digest. */
        public String version() {
            if (!refs.isEmpty()) {
                String ref = refs.get(0);
                int colon = ref.lastIndexOf(':');
                if (ref.indexOf('@') < 0 && colon > ref.lastIndexOf('/')) return ref.substring(colon + 1);
            }
            return manifestDigest.orElse(configDigest).toString();
        }
    }

    /**
     * One package and the layer that installed it.
     *
     * @param purl       its package URL, when one can be formed
     * @param layerDiffId the diffId of the layer that installed it, when the inventory knows it
     */
    public record Package(DeclaredPackage declared, Optional<String> purl, Optional<Digest> layerDiffId,
                          Optional<Integer> layerIndex) {
    }

    /** The properties both formats carry for a package (CycloneDX properties, SPDX annotations). */
    static Map<String, String> properties(Package p) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        out.put("strata:ecosystem", p.declared().ecosystem().wire());
        p.layerDiffId().ifPresent(d -> out.put("strata:layer:diffId", d.toString()));
        p.layerIndex().ifPresent(i -> out.put("strata:layer:index", Integer.toString(i)));
        out.put("strata:location", p.declared().location());
        if (p.declared().dev()) out.put("strata:dev", "true");
        return out;
    }

    /** The properties of the image: digests, platform, refs, created, and each config label. */
    static List<Map.Entry<String, String>> properties(Image image) {
        List<Map.Entry<String, String>> out = new java.util.ArrayList<>();
        image.manifestDigest().ifPresent(d -> out.add(Map.entry("strata:image:manifestDigest", d.toString())));
        out.add(Map.entry("strata:image:configDigest", image.configDigest().toString()));
        out.add(Map.entry("strata:image:platform", image.platform().toString()));
        for (String ref : image.refs()) out.add(Map.entry("strata:image:ref", ref));
        image.created().ifPresent(c -> out.add(Map.entry("strata:image:created", c)));
        image.labels().forEach((k, v) -> out.add(Map.entry("strata:label:" + k, v)));
        return out;
    }
}
