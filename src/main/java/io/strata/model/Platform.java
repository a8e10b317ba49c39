package io.strata.model;

import java.util.Optional;

/** An image platform, {@code os/architecture[/variant]}. */
public record Platform(String os, String architecture, Optional<String> variant) {

    public Platform {
        os = os == null || os.isBlank() ? "unknown" : os;
        architecture = architecture == null || architecture.isBlank() ? "unknown" : architecture;
        variant = variant.filter(v -> !v.isBlank());
    }

    public static Platform of(String os, String architecture, String variant) {
        return new Platform(os, architecture, Optional.ofNullable(variant));
    }

    /** Parses {@code linux/arm64/v8}; throws IllegalArgumentException on another shape. */
    public static Platform parse(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new IllegalArgumentException("platform '" + text + "' is not os/arch[/variant]");
        }
        return of(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
    }

    /** True when this platform satisfies the wanted one (a wanted platform without variant matches any variant). */
    public boolean matches(Platform wanted) {
        if (!os.equals(wanted.os) || !architecture.equals(wanted.architecture)) return false;
        return wanted.variant.isEmpty() || wanted.variant.equals(variant);
    }

    public boolean isUnknown() {
        return "unknown".equals(os) && "unknown".equals(architecture);
    }

    @Override
    public String toString() {
        return os + "/" + architecture + variant.map(v -> "/" + v).orElse("");
    }
}
