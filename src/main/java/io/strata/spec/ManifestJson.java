package io.strata.spec;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;
import java.util.Map;

/** Wire form of an OCI image manifest, a Docker v2s2 manifest, or an index (they share a shape on the wire). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ManifestJson(Integer schemaVersion, String mediaType, DescriptorJson config, List<DescriptorJson> layers,
                           List<DescriptorJson> manifests, Map<String, String> annotations) {
}
