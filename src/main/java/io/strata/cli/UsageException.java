package io.strata.cli;

import io.strata.model.BadInputException;

/** Bad usage that picocli cannot see (e.g. a malformed --platform); exit code 2. */
public class UsageException extends BadInputException {
    public UsageException(String message) {
        super(message);
    }
}
