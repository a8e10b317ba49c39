package io.strata.diff;

import java.util.Locale;
import java.util.Optional;

/**
 * One config value that differs. {@code field} is the config's own name (Env, Labels, Cmd, ..., platform, author);
 * {@code key} names the variable, label, port or volume for the fields compared entry by entry.
 */
public record ConfigChange(String field, Optional<String> key, Kind kind, Optional<ConfigValue> before,
                           Optional<ConfigValue> after) {

    public enum Kind {
        ADDED, REMOVED, CHANGED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static ConfigChange of(String field, Optional<String> key, Optional<ConfigValue> before,
                           Optional<ConfigValue> after) {
        Kind kind = before.isEmpty() ? Kind.ADDED : after.isEmpty() ? Kind.REMOVED : Kind.CHANGED;
        return new ConfigChange(field, key, kind, before, after);
    }
}
