package io.strata.diff;

import io.strata.archive.ImageEntry;
import io.strata.model.ImageConfig;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The config values that differ between two images, field by field: Env by variable, Labels by key, ExposedPorts
 * and Volumes by entry, the rest as whole values. When the config digests differ but no compared value does,
 * {@code note} says so and, where it can tell, why.
 */
public record ConfigDiff(List<ConfigChange> changes, Optional<String> note) {

    public ConfigDiff {
        changes = List.copyOf(changes);
    }

    public boolean identical() {
        return changes.isEmpty();
    }

    public static ConfigDiff compare(ImageEntry a, ImageEntry b, boolean timestamps) {
        ImageConfig ca = a.config();
        ImageConfig cb = b.config();
        List<ConfigChange> out = new ArrayList<>();
        whole(out, "platform", text(Optional.of(ca.platform().toString())), text(Optional.of(cb.platform().toString())));
        whole(out, "author", text(ca.author()), text(cb.author()));
        if (timestamps) whole(out, "created", text(ca.created()), text(cb.created()));
        whole(out, "User", text(ca.user()), text(cb.user()));
        whole(out, "WorkingDir", text(ca.workingDir()), text(cb.workingDir()));
        whole(out, "Entrypoint", words(ca.entrypoint()), words(cb.entrypoint()));
        whole(out, "Cmd", words(ca.cmd()), words(cb.cmd()));
        byKey(out, "Env", envMap(ca.env()), envMap(cb.env()));
        byKey(out, "Labels", ca.labels(), cb.labels());
        entries(out, "ExposedPorts", ca.exposedPorts(), cb.exposedPorts());
        entries(out, "Volumes", ca.volumes(), cb.volumes());
        whole(out, "StopSignal", text(ca.stopSignal()), text(cb.stopSignal()));
        whole(out, "Healthcheck", ca.healthcheck().map(ConfigValue.Check::new),
                cb.healthcheck().map(ConfigValue.Check::new));
        Optional<String> note = Optional.empty();
        if (out.isEmpty() && !a.configDigest().equals(b.configDigest())) {
            note = Optional.of("config digests differ (" + a.configDigest().shortHex() + " vs "
                    + b.configDigest().shortHex() + ") but no compared config value does" + why(a, b, timestamps));
        }
        return new ConfigDiff(out, note);
    }

    /** What else in the config file differs, for the note; the bytes themselves may differ only in layout. */
    private static String why(ImageEntry a, ImageEntry b, boolean timestamps) {
        ImageConfig ca = a.config();
        ImageConfig cb = b.config();
        List<String> parts = new ArrayList<>();
        if (!a.configMediaType().equals(b.configMediaType())) {
            parts.add("media type " + a.configMediaType() + " vs " + b.configMediaType());
        }
        if (!timestamps && !ca.created().equals(cb.created())) parts.add("created (a timestamp, ignored)");
        if (!ca.diffIds().equals(cb.diffIds())) parts.add("rootfs diff_ids");
        if (!ca.history().equals(cb.history())) parts.add("history");
        if (!Objects.equals(ca.extra(), cb.extra())) parts.add("engine fields (" + String.join(", ", extraKeys(ca, cb)) + ")");
        if (a.configBytes() != b.configBytes()) parts.add("size " + a.configBytes() + " vs " + b.configBytes() + " bytes");
        if (parts.isEmpty()) return "; the files differ only in fields Strata does not compare or in JSON layout";
        return "; what differs: " + String.join(", ", parts);
    }

    private static List<String> extraKeys(ImageConfig a, ImageConfig b) {
        TreeSet<String> keys = new TreeSet<>(a.extra().keySet());
        keys.addAll(b.extra().keySet());
        keys.removeIf(k -> Objects.equals(a.extra().get(k), b.extra().get(k)));
        return List.copyOf(keys);
    }

    private static Optional<ConfigValue> text(Optional<String> s) {
        return s.filter(v -> !v.isEmpty()).map(ConfigValue.Text::new);
    }

    private static Optional<ConfigValue> words(List<String> list) {
        return list.isEmpty() ? Optional.empty() : Optional.of(new ConfigValue.Words(list));
    }

    private static void whole(List<ConfigChange> out, String field, Optional<ConfigValue> a, Optional<ConfigValue> b) {
        if (!a.equals(b)) out.add(ConfigChange.of(field, Optional.empty(), a, b));
    }

    private static void byKey(List<ConfigChange> out, String field, Map<String, String> a, Map<String, String> b) {
        TreeSet<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        for (String k : keys) {
            Optional<ConfigValue> va = Optional.ofNullable(a.get(k)).map(ConfigValue.Text::new);
            Optional<ConfigValue> vb = Optional.ofNullable(b.get(k)).map(ConfigValue.Text::new);
            if (!va.equals(vb)) out.add(ConfigChange.of(field, Optional.of(k), va, vb));
        }
    }

    private static void entries(List<ConfigChange> out, String field, Collection<String> a, Collection<String> b) {
        TreeSet<String> all = new TreeSet<>(a);
        all.addAll(b);
        for (String e : all) {
            boolean inA = a.contains(e);
            boolean inB = b.contains(e);
            if (inA == inB) continue;
            Optional<ConfigValue> v = Optional.of(new ConfigValue.Text(e));
            out.add(ConfigChange.of(field, Optional.of(e), inA ? v : Optional.empty(), inB ? v : Optional.empty()));
        }
    }

    /** Env as variable -> value; a repeated variable keeps its last value, as the runtime does. */
    static SortedMap<String, String> envMap(List<String> env) {
        SortedMap<String, String> m = new TreeMap<>();
        for (String e : env) {
            int eq = e.indexOf('=');
            if (eq < 0) m.put(e, "");
            else m.put(e.substring(0, eq), e.substring(eq + 1));
        }
        return m;
    }
}
