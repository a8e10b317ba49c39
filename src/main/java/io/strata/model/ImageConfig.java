package io.strata.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;

/** The image configuration (OCI image-spec config.md / Docker image JSON), the fields users ask about. */
public record ImageConfig(Platform platform, Optional<String> created, Optional<String> author,
                          List<String> env, List<String> cmd, List<String> entrypoint, Optional<String> user,
                          Optional<String> workingDir, SortedSet<String> exposedPorts, SortedSet<String> volumes,
                          SortedMap<String, String> labels, Optional<String> stopSignal,
                          Optional<Healthcheck> healthcheck, List<Digest> diffIds, List<HistoryEntry> history,
                          Map<String, String> extra, List<String> onBuild, List<String> shell) {

    /** The fields of a config without OnBuild and Shell (Docker's additions, absent from the OCI spec). */
    public ImageConfig(Platform platform, Optional<String> created, Optional<String> author,
                       List<String> env, List<String> cmd, List<String> entrypoint, Optional<String> user,
                       Optional<String> workingDir, SortedSet<String> exposedPorts, SortedSet<String> volumes,
                       SortedMap<String, String> labels, Optional<String> stopSignal,
                       Optional<Healthcheck> healthcheck, List<Digest> diffIds, List<HistoryEntry> history,
                       Map<String, String> extra) {
        this(platform, created, author, env, cmd, entrypoint, user, workingDir, exposedPorts, volumes, labels,
                stopSignal, healthcheck, diffIds, history, extra, List.of(), List.of());
    }

    public ImageConfig {
        env = List.copyOf(env);
        cmd = List.copyOf(cmd);
        entrypoint = List.copyOf(entrypoint);
        exposedPorts = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(exposedPorts));
        volumes = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(volumes));
        labels = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(labels));
        diffIds = List.copyOf(diffIds);
        history = List.copyOf(history);
        extra = Map.copyOf(extra);
        onBuild = List.copyOf(onBuild);
        shell = List.copyOf(shell);
    }

    /** History entries that produced a layer, in order; their count should equal the diffIds'. */
    public List<HistoryEntry> layerHistory() {
        return history.stream().filter(h -> !h.emptyLayer()).toList();
    }
}
