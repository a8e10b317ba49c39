package io.strata.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every refusal must look like: exit 2, nothing on stdout, one line on stderr naming the file and the problem. */
final class BadInputAssertions {
    private BadInputAssertions() {
    }

    static void assertOneLineFailure(CliRun run, String file, String problem) {
        assertEquals(2, run.code(), "exit code; stderr: " + run.err() + " stdout: " + run.out());
        assertEquals("", run.out());
        assertEquals(1, run.err().lines().count(), "one line on stderr: " + run.err());
        assertTrue(run.err().startsWith("strata: " + file + ": ") || run.err().startsWith("strata: " + file + "/"),
                "names the file: " + run.err());
        assertTrue(run.err().contains(problem), "says '" + problem + "': " + run.err());
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat ") || run.err().contains("internal error"),
                "no stack trace: " + run.err());
    }
}
