package io.strata.spec;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;
import java.util.Map;

/** Wire form of an OCI descriptor; every field optional so the translator can say what is missing. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DescriptorJson(String mediaType, String digest, Long size, PlatformJson platform,
                             Map<String, String> annotations, List<String> urls) {
}
