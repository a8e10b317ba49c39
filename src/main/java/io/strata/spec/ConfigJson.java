package io.strata.spec;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import static io.strata.spec.JsonFields.bool;
import static io.strata.spec.JsonFields.intValue;
import static io.strata.spec.JsonFields.list;
import static io.strata.spec.JsonFields.longValue;
import static io.strata.spec.JsonFields.nested;
import static io.strata.spec.JsonFields.node;
import static io.strata.spec.JsonFields.nodeMap;
import static io.strata.spec.JsonFields.stringList;
import static io.strata.spec.JsonFields.stringMap;
import static io.strata.spec.JsonFields.text;

/** Wire form of the image config (OCI and Docker share it). */
public record ConfigJson(String created, String author, String architecture, String os, String variant,
                         ContainerConfigJson config, RootFsJson rootfs, List<HistoryJson> history,
                         String dockerVersion) {

    static ConfigJson of(JsonNode o) throws SpecException {
        return new ConfigJson(text(o, "created"), text(o, "author"), text(o, "architecture"), text(o, "os"),
                text(o, "variant"), nested(o, "config", ContainerConfigJson::of), nested(o, "rootfs", RootFsJson::of),
                list(o, "history", HistoryJson::of), text(o, "docker_version"));
    }

    public record ContainerConfigJson(String user, Map<String, JsonNode> exposedPorts, List<String> env,
                                      JsonNode entrypoint, JsonNode cmd, Map<String, JsonNode> volumes,
                                      String workingDir, Map<String, String> labels, String stopSignal,
                                      HealthcheckJson healthcheck, List<String> onBuild, List<String> shell) {
        static ContainerConfigJson of(JsonNode o) throws SpecException {
            return new ContainerConfigJson(text(o, "User"), nodeMap(o, "ExposedPorts"), stringList(o, "Env"),
                    node(o, "Entrypoint"), node(o, "Cmd"), nodeMap(o, "Volumes"), text(o, "WorkingDir"),
                    stringMap(o, "Labels"), text(o, "StopSignal"), nested(o, "Healthcheck", HealthcheckJson::of),
                    stringList(o, "OnBuild"), stringList(o, "Shell"));
        }
    }

    public record HealthcheckJson(List<String> test, Long interval, Long timeout, Long startPeriod, Integer retries) {
        static HealthcheckJson of(JsonNode o) throws SpecException {
            return new HealthcheckJson(stringList(o, "Test"), longValue(o, "Interval"), longValue(o, "Timeout"),
                    longValue(o, "StartPeriod"), intValue(o, "Retries"));
        }
    }

    public record RootFsJson(String type, List<String> diffIds) {
        static RootFsJson of(JsonNode o) throws SpecException {
            return new RootFsJson(text(o, "type"), stringList(o, "diff_ids"));
        }
    }

    public record HistoryJson(String created, String createdBy, String author, String comment, Boolean emptyLayer) {
        static HistoryJson of(JsonNode o) throws SpecException {
            return new HistoryJson(text(o, "created"), text(o, "created_by"), text(o, "author"), text(o, "comment"),
                    bool(o, "empty_layer"));
        }
    }
}
