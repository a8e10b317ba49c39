package io.strata.extract;

/** A path that cannot be extracted (absent, a directory, a link loop, ...); the message says which and why. */
public class ExtractException extends Exception {
    public ExtractException(String message) {
        super(message);
    }
}
