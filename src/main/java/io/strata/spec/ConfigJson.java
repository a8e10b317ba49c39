package io.strata.spec;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/** Wire form of the image config (OCI and Docker share it). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConfigJson(String created, String author, String architecture, String os, String variant,
                         @JsonProperty("config") ContainerConfigJson config, RootFsJson rootfs,
                         List<HistoryJson> history,
                         @JsonProperty("docker_version") String dockerVersion) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ContainerConfigJson(@JsonProperty("User") String user,
                                      @JsonProperty("ExposedPorts") Map<String, JsonNode> exposedPorts,
                                      @JsonProperty("Env") List<String> env,
                                      @JsonProperty("Entrypoint") JsonNode entrypoint,
                                      @JsonProperty("Cmd") JsonNode cmd,
                                      @JsonProperty("Volumes") Map<String, JsonNode> volumes,
                                      @JsonProperty("WorkingDir") String workingDir,
                                      @JsonProperty("Labels") Map<String, String> labels,
                                      @JsonProperty("StopSignal") String stopSignal,
                                      @JsonProperty("Healthcheck") HealthcheckJson healthcheck) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record HealthcheckJson(@JsonProperty("Test") List<String> test,
                                  @JsonProperty("Interval") Long interval,
                                  @JsonProperty("Timeout") Long timeout,
                                  @JsonProperty("StartPeriod") Long startPeriod,
                                  @JsonProperty("Retries") Integer retries) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RootFsJson(String type, @JsonProperty("diff_ids") List<String> diffIds) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record HistoryJson(String created, @JsonProperty("created_by") String createdBy, String author,
                              String comment, @JsonProperty("empty_layer") Boolean emptyLayer) {
    }
}
