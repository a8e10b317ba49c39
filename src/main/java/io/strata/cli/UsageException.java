package io.strata.cli;

/** Bad usage that picocli cannot see (e.g. a malformed --platform); exit code 2. */
public class UsageException extends Exception {
    public UsageException(String message) {
        super(message);
    }
}
