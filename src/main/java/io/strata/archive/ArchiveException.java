package io.strata.archive;

import io.strata.model.BadInputException;

/** An archive that cannot be read as an image; the message already names the file and the problem. */
public class ArchiveException extends BadInputException {
    public ArchiveException(String message) {
        super(message);
    }

    public ArchiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
