package io.strata.model;

/**
 * Input that cannot be read or used as given: an archive, a layer, an image choice, a command line. The CLI says
 * so in one line and exits 2 (session.ExitCodes); never a bug.
 */
public class BadInputException extends Exception {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
