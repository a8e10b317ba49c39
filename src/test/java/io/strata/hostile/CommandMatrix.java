package io.strata.hostile;

import io.strata.cli.Main;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs every command the CLI has (whatever exists when the test runs, found through picocli) on one archive,
 * in-process through Main.run, each under a time limit: no exception may escape, no run may hang, and the exit
 * code must be 0, 1 or 2 (3 is an internal error, a bug).
 */
public final class CommandMatrix {
    private CommandMatrix() {
    }

    /** One command's run. */
    public record Outcome(String command, int code, String out, String err) {
    }

    public static Set<String> commands() {
        Set<String> names = new TreeSet<>(Main.commandLine(new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter())).getSubcommands().keySet());
        names.remove("help");
        names.remove("cache"); // maintains the layer cache folder, reads no archive
        return names;
    }

    /** The command line that runs {@code command} on one archive, writing any file output into {@code work}. */
    static List<String> argsFor(String command, String archive, Path work) {
        return switch (command) {
            case "diff" -> List.of("diff", archive, archive);
            case "extract" -> List.of("extract", archive, "/etc/passwd", "-o", work.resolve("extracted").toString());
            case "export" -> List.of("export", archive, "-o", work.resolve("rootfs.tar").toString());
            case "report" -> List.of("report", archive, "-o", work.resolve("report.html").toString());
            default -> List.of(command, archive);
        };
    }

    public static Outcome run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        io.strata.testing.GoldenLog.record(args, code, out.toString(), err.toString());
        return new Outcome(args.get(0), code, out.toString(), err.toString());
    }

    /** Every command on the archive, each within {@code limit}; asserts the contract and returns the outcomes. */
    public static List<Outcome> runAll(Path archive, Path work, Duration limit, String... options) {
        return runAll(archive, work, limit, Set.of(), options);
    }

    /** As {@link #runAll(Path, Path, Duration, String...)}, leaving out the commands named in {@code skip}. */
    public static List<Outcome> runAll(Path archive, Path work, Duration limit, Set<String> skip, String... options) {
        List<Outcome> outcomes = new ArrayList<>();
        for (String command : commands()) {
            if (skip.contains(command)) continue;
            List<String> args = new ArrayList<>(argsFor(command, archive.toString(), work));
            args.addAll(List.of(options));
            Outcome o = assertTimeoutPreemptively(limit, () -> run(args), () -> "hangs: strata " + String.join(" ", args));
            assertTrue(o.code() >= 0 && o.code() <= 2, "exit " + o.code() + " from strata " + String.join(" ", args)
                    + "\n" + o.err());
            assertFalse(o.err().contains("internal error"), o.err());
            outcomes.add(o);
        }
        return outcomes;
    }

    public static Outcome of(List<Outcome> outcomes, String command) {
        return outcomes.stream().filter(o -> o.command().equals(command)).findFirst()
                .orElseThrow(() -> new AssertionError(command + " did not run"));
    }
}
