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

    public static Finding error(FindingCode code, String message) {
        return error(code.wire(), message);
    }

    public static Finding warning(FindingCode code, String message) {
        return warning(code.wire(), message);
    }

    public static Finding info(FindingCode code, String message) {
        return info(code.wire(), message);
    }

    /** A finding of a kind Strata reports; the String constructor stays for codes read back from the layer cache. */
    public Finding(Severity severity, FindingCode code, Optional<Integer> layer, Optional<String> path, String message) {
        this(severity, code.wire(), layer, path, message);
    }

    public Finding atLayer(int index) {
        return new Finding(severity, code, Optional.of(index), path, message);
    }

    public Finding atPath(String p) {
        return new Finding(severity, code, layer, Optional.of(p), message);
    }
}
