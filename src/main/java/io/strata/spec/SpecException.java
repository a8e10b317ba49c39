package io.strata.spec;

/** A wire document that cannot be understood; the message says what is wrong, the caller adds which file. */
public class SpecException extends Exception {
    public SpecException(String message) {
        super(message);
    }

    public SpecException(String message, Throwable cause) {
        super(message, cause);
    }
}
