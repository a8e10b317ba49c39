package io.strata.cache;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the layer cache lives: the system property {@code strata.cacheDir} (tests use it), else
 * {@code $STRATA_CACHE_DIR}, else {@code $XDG_CACHE_HOME/strata}, else {@code ~/.cache/strata}. Empty when none
 * of them names a usable folder; then nothing is cached.
 */
public final class CacheLocation {
    public static final String PROPERTY = "strata.cacheDir";
    public static final String ENV = "STRATA_CACHE_DIR";

    private CacheLocation() {
    }

    public static Optional<Path> resolve() {
        return resolve(System.getProperty(PROPERTY), System.getenv(), System.getProperty("user.home"));
    }

    static Optional<Path> resolve(String property, Map<String, String> env, String home) {
        try {
            if (given(property)) return Optional.of(Path.of(property).toAbsolutePath());
            if (given(env.get(ENV))) return Optional.of(Path.of(env.get(ENV)).toAbsolutePath());
            // the XDG spec ignores a relative XDG_CACHE_HOME
            String xdg = env.get("XDG_CACHE_HOME");
            if (given(xdg) && Path.of(xdg).isAbsolute()) return Optional.of(Path.of(xdg, "strata"));
            if (given(home)) return Optional.of(Path.of(home, ".cache", "strata").toAbsolutePath());
        } catch (RuntimeException invalidPath) {
            // a value that is not a path: no cache rather than a failed command
        }
        return Optional.empty();
    }

    private static boolean given(String value) {
        return value != null && !value.isBlank();
    }
}
