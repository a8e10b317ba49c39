package io.strata.diff;

import java.util.Locale;
import java.util.Optional;

/** The parts of two images a diff compares; {@code --only} picks some of them. */
public enum Section {
    CONFIG, HISTORY, LAYERS, PACKAGES, FILES;

    /** The name users type and JSON shows ("config", ...). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Section> parse(String text) {
        for (Section s : values()) {
            if (s.label().equals(text.trim().toLowerCase(Locale.ROOT))) return Optional.of(s);
        }
        return Optional.empty();
    }
}
