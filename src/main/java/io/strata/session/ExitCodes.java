package io.strata.cli;

/** The exit codes of the CLI contract (DESIGN section 1). */
public final class ExitCodes {
    public static final int OK = 0;
    /** the check found something: diff differences, verify mismatch, ci gate failed */
    public static final int FOUND = 1;
    /** bad usage or unreadable / invalid input */
    public static final int BAD_INPUT = 2;
    public static final int INTERNAL = 3;

    private ExitCodes() {
    }
}
