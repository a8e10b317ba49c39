package io.strata.session;

import io.strata.model.BadInputException;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The exit codes of the CLI contract (README, "Exit codes") and the one mapping from exceptions to them. It sits in
 * session because the set loop, which runs below the commands, adds up its members' codes and tells a member's bad
 * input (reported, the run goes on) from a bug (the run ends).
 */
public final class ExitCodes {
    public static final int OK = 0;
    /** the check found something: diff differences, verify mismatch, ci gate failed */
    public static final int FOUND = 1;
    /** bad usage or unreadable / invalid input */
    public static final int BAD_INPUT = 2;
    public static final int INTERNAL = 3;

    private ExitCodes() {
    }

    /** Bad input (a {@link BadInputException} or an I/O error) exits 2; anything else is a bug and exits 3. */
    public static int of(Throwable wrapped) {
        Throwable ex = unwrap(wrapped);
        if (ex instanceof BadInputException || ex instanceof IOException) return BAD_INPUT;
        return INTERNAL;
    }

    /** What to tell the user: the message of bad input, or what went wrong where for a bug. */
    public static String messageOf(Throwable wrapped) {
        Throwable ex = unwrap(wrapped);
        if (of(ex) == INTERNAL) {
            if (ex instanceof OutOfMemoryError) {
                return "out of memory (raise -Xmx via STRATA_JAVA_OPTS, or lower the limits): " + ex.getMessage();
            }
            return "internal error: " + ex + (ex.getStackTrace().length > 0 ? " at " + ex.getStackTrace()[0] : "");
        }
        return ex.getMessage() == null ? ex.toString() : ex.getMessage();
    }

    /** Work done on other threads fails wrapped; what counts is what went wrong there. */
    private static Throwable unwrap(Throwable ex) {
        Throwable t = ex;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
