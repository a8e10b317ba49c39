package io.strata.spec;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/** One entry of a docker-archive {@code manifest.json}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DockerManifestEntryJson(@JsonProperty("Config") String config,
                                      @JsonProperty("RepoTags") List<String> repoTags,
                                      @JsonProperty("Layers") List<String> layers,
                                      @JsonProperty("LayerSources") Map<String, DescriptorJson> layerSources,
                                      @JsonProperty("Parent") String parent) {
}
