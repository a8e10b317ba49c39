package io.strata.analysis;

import io.strata.model.BadInputException;

/** The user's --image/--platform choice matches no image, or several where one is needed. */
public class SelectionException extends BadInputException {
    public SelectionException(String message) {
        super(message);
    }
}
