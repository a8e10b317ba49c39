package io.strata.layer;

import io.strata.model.BadInputException;

/** A layer blob that cannot be read to its end (truncated, corrupt, a bomb); the message says why. */
public class LayerException extends BadInputException {
    public LayerException(String message) {
        super(message);
    }

    public LayerException(String message, Throwable cause) {
        super(message, cause);
    }
}
