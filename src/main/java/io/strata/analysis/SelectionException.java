package io.strata.analysis;

/** The user's --image/--platform choice matches no image, or several where one is needed. */
public class SelectionException extends Exception {
    public SelectionException(String message) {
        super(message);
    }
}
