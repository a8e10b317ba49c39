package io.strata.cli;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Text fits the width COLUMNS gives (a real process: the width is read where the program starts): at 80 no line
 * of the listings is longer, at 200 the history steps are shown whole where they fit; --no-trunc cuts nothing.
 */
class TerminalWidthTest {
    private static final List<List<String>> LISTINGS = List.of(
            List.of("inspect", CliRun.SAMPLE), List.of("history", CliRun.SAMPLE), List.of("waste", CliRun.SAMPLE),
            List.of("advise", CliRun.SAMPLE), List.of("files", CliRun.SAMPLE), List.of("ci", CliRun.SAMPLE),
            List.of("files", "--deleted", CliRun.SAMPLE));

    static Run run(Map<String, String> env, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "-XX:TieredStopAtLevel=1", "io.strata.cli.Main"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().remove("COLUMNS");
        pb.environment().putAll(env);
        pb.environment().put("STRATA_CACHE_DIR", System.getProperty("strata.cacheDir", "target/test-cache"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new Run(p.exitValue(), out);
    }

    record Run(int code, String out) {
        int longest() {
            return out.lines().mapToInt(l -> l.codePointCount(0, l.length())).max().orElse(0);
        }
    }

    @Test
    void eightyColumns() throws Exception {
        for (List<String> args : LISTINGS) {
            Run r = run(Map.of("COLUMNS", "80"), args);
            assertTrue(r.code() <= 1, args + ": " + r.out());
            for (String line : r.out().split("\n")) {
                // a full digest under its label is never cut: it is what users copy
                if (line.matches("\\s*[A-Za-z ]+:\\s+sha256:[0-9a-f]{64}")) continue;
                assertTrue(line.codePointCount(0, line.length()) <= 80, args + ": " + line.length() + ": " + line);
            }
        }
        // what was cut says so
        assertTrue(run(Map.of("COLUMNS", "80"), List.of("waste", CliRun.SAMPLE)).out().contains("…"));
    }

    @Test
    void twoHundredColumnsShowWholeSteps() throws Exception {
        String history = run(Map.of("COLUMNS", "200"), List.of("history", "--no-trunc", CliRun.SAMPLE)).out();
        Run wide = run(Map.of("COLUMNS", "200"), List.of("history", CliRun.SAMPLE));
        Run unknown = run(Map.of(), List.of("history", CliRun.SAMPLE));
        assertTrue(wide.longest() <= 200, wide.out());
        assertTrue(wide.longest() > 80, "uses the width: " + wide.out());
        // the longest step of the sample that fits at 200 is shown whole there, cut at docker's 45 without a width
        String step = "/bin/sh -c dd if=/dev/urandom of=/opt/app/data/big.bin bs=1024 count=1024";
        assertTrue(history.contains(step), history);
        assertTrue(wide.out().contains(step), wide.out());
        assertFalse(unknown.out().contains(step), unknown.out());
        assertEquals(unknown.out(), CliRun.strata("history", CliRun.SAMPLE).out().replace("\r", ""),
                "no width known: docker's fixed truncation, as in-process");
    }

    @Test
    void noTruncCutsNothing() throws Exception {
        for (String command : List.of("waste", "files", "advise", "inspect", "history")) {
            Run cut = run(Map.of("COLUMNS", "60"), List.of(command, CliRun.SAMPLE));
            Run whole = run(Map.of("COLUMNS", "60"), List.of(command, "--no-trunc", CliRun.SAMPLE));
            assertFalse(whole.out().contains("…"), command + ": " + whole.out());
            assertTrue(whole.longest() >= cut.longest(), command);
        }
    }
}
