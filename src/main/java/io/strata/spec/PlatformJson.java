package io.strata.spec;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

@JsonIgnoreProperties(ignoreUnknown = true)
public record PlatformJson(String os, String architecture, String variant,
                           @JsonProperty("os.version") String osVersion) {
}
