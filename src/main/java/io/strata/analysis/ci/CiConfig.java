package io.strata.analysis.ci;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gate settings: the scalar values of the {@code rules:} section (as text, exactly as dive reads them) and its
 * lists (allow lists). {@code source} names where they came from, for messages; {@code ignored} lists the
 * unknown keys ("file:line: key") that were skipped.
 */
public record CiConfig(String source, Map<String, String> rules, Map<String, List<String>> lists,
                       List<String> ignored) {

    public static final String LOWEST_EFFICIENCY = "lowestEfficiency";
    public static final String HIGHEST_WASTED_BYTES = "highestWastedBytes";
    public static final String HIGHEST_USER_WASTED_PERCENT = "highestUserWastedPercent";
    public static final String MAX_LAYERS = "maxLayers";
    public static final String MAX_LOGICAL_BYTES = "maxLogicalBytes";
    public static final String NO_SETUID = "noSetuid";
    public static final String NO_WORLD_WRITABLE = "noWorldWritable";
    public static final String ALLOW_SETUID = "allowSetuid";
    public static final String ALLOW_WORLD_WRITABLE = "allowWorldWritable";
    public static final String DISABLED = "disabled";

    /** dive's defaults for its three rules; Strata's own gates are off unless asked for. */
    public static final Map<String, String> DEFAULTS = Map.of(
            LOWEST_EFFICIENCY, "0.9", HIGHEST_WASTED_BYTES, DISABLED, HIGHEST_USER_WASTED_PERCENT, "0.1",
            MAX_LAYERS, DISABLED, MAX_LOGICAL_BYTES, DISABLED, NO_SETUID, DISABLED, NO_WORLD_WRITABLE, DISABLED);

    public CiConfig {
        rules = Map.copyOf(rules);
        lists = Map.copyOf(lists);
        ignored = List.copyOf(ignored);
    }

    public static CiConfig defaults() {
        return new CiConfig("defaults", Map.of(), Map.of(), List.of());
    }

    /** The configured value, else the default. */
    public String value(String key) {
        return Optional.ofNullable(rules.get(key)).orElse(DEFAULTS.getOrDefault(key, DISABLED));
    }

    public List<String> list(String key) {
        return lists.getOrDefault(key, List.of());
    }

    /** A copy with some values replaced (command-line options win over the file). */
    public CiConfig with(Map<String, String> overrides, Map<String, List<String>> listAdditions) {
        Map<String, String> r = new LinkedHashMap<>(rules);
        r.putAll(overrides);
        Map<String, List<String>> l = new LinkedHashMap<>(lists);
        listAdditions.forEach((k, v) -> {
            if (!v.isEmpty()) l.merge(k, List.copyOf(v), (a, b) -> java.util.stream.Stream.concat(a.stream(),
                    b.stream()).toList());
        });
        boolean changed = !overrides.isEmpty() || listAdditions.values().stream().anyMatch(v -> !v.isEmpty());
        return new CiConfig(changed ? source + " and options" : source, r, l, ignored);
    }
}
