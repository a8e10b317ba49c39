package io.strata.model;

import java.util.Optional;

/** A spec violation or suspicious content: reported, never thrown. */
public record Finding(Severity severity, String code, Optional<Integer> layer, Optional<String> path, String message) {

    public enum Severity { INFO, WARNING, ERROR }

    public static Finding error(String code, String message) {
        return new Finding(Severity.ERROR, code, Optional.empty(), Optional.empty(), message);
    }

    public static Finding warning(String code, String message) {
        return new Finding(Severity.WARNING, code, Optional.empty(), Optional.empty(), message);
    }

    public static Finding info(String code, String message) {
        return new Finding(Severity.INFO, code, Optional.empty(), Optional.empty(), message);
    }

    public Finding atLayer(int index) {
        return new Finding(severity, code, Optional.of(index), path, message);
    }

    public Finding atPath(String p) {
        return new Finding(severity, code, layer, Optional.of(p), message);
    }
}
