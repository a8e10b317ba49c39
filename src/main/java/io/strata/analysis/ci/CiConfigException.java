package io.strata.analysis.ci;

/** A gate configuration the user wrote wrongly; the message names the file (or option), the key and the problem. */
public class CiConfigException extends Exception {
    public CiConfigException(String message) {
        super(message);
    }
}
