package io.strata.diff;

import io.strata.packages.Ecosystem;
import io.strata.packages.InstalledPackage;

import java.util.Locale;
import java.util.Optional;

/**
 * One package that differs between the two images: {@code before} is side A's, {@code after} side B's.
 * {@code pathsChanged} counts the paths it owns on either side that are only on one side or whose content (or link
 * target) differs; its bytes are the visible bytes of its files, so {@link #bytesDelta()} is what the change moved.
 */
public record PackageChange(Ecosystem ecosystem, String name, Kind kind, Optional<InstalledPackage> before,
                            Optional<InstalledPackage> after, int pathsChanged) {

    public enum Kind {
        /** Only in B. */
        ADDED,
        /** Only in A. */
        REMOVED,
        /** A newer version in B, by the ecosystem's own order. */
        UPGRADED,
        /** An older version in B. */
        DOWNGRADED,
        /** The same version (or two spellings the ecosystem calls equal), but other files or bytes. */
        CHANGED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public long bytesDelta() {
        return after.map(InstalledPackage::bytes).orElse(0L) - before.map(InstalledPackage::bytes).orElse(0L);
    }

    /** "deb/libc6", as `files` names a path's package. */
    public String label() {
        return ecosystem.wire() + "/" + name;
    }

    /** Where the package was read from (its database or manifest), B's when it has one. */
    public String location() {
        return after.or(() -> before).map(p -> p.declared().location()).orElse("");
    }
}
