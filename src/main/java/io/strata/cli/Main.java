package io.strata.cli;

import io.strata.report.TerminalText;
import io.strata.report.TextWidth;
import io.strata.session.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

@Command(name = "strata", mixinStandardHelpOptions = true, version = "strata 0.1.0",
        description = "Daemonless analyzer for container images saved as files.")
public class Main {
    /** 128 + SIGPIPE: what a shell reports for a tool whose reader closed the pipe. */
    static final int EXIT_BROKEN_PIPE = 141;

    /**
     * The subcommands, created only when used: picocli reads a command's annotations by reflection, which loads
     * every class its options name, so a run registers just the command it runs (the listing, all of them).
     */
    private static final Map<String, Supplier<Object>> COMMANDS = commands();

    private static Map<String, Supplier<Object>> commands() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("inspect", InspectCommand::new);
        m.put("config", ConfigCommand::new);
        m.put("manifest", ManifestCommand::new);
        m.put("history", HistoryCommand::new);
        m.put("diff", DiffCommand::new);
        m.put("files", FilesCommand::new);
        m.put("waste", WasteCommand::new);
        m.put("packages", PackagesCommand::new);
        m.put("sbom", SbomCommand::new);
        m.put("ci", CiCommand::new);
        m.put("advise", AdviseCommand::new);
        m.put("verify", VerifyCommand::new);
        m.put("extract", ExtractCommand::new);
        m.put("export", ExportCommand::new);
        m.put("report", ReportCommand::new);
        m.put("cache", CacheCommand::new);
        m.put("completion", CompletionCommand::new);
        return m;
    }

    public static void main(String[] args) {
        // an error no command caught, on any thread (out of memory above all): one line and exit 3, never a stack
        // trace, a second message, exit 1 (the JVM's code for an uncaught error) or a wait for a thread that died
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> fatal(e));
        int code;
        try {
            code = runMain(args);
        } catch (Throwable t) {
            fatal(t);
            return;
        }
        System.exit(code);
    }

    /** Made before anything can run out of memory: the line and the stream that say so need no allocation. */
    private static final byte[] OUT_OF_MEMORY = ("strata: " + ExitCodes.messageOf(new OutOfMemoryError("Java heap space"))
            + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private static final java.io.FileOutputStream STDERR = new java.io.FileOutputStream(java.io.FileDescriptor.err);
    private static final java.util.concurrent.atomic.AtomicBoolean OUT_OF_MEMORY_SAID =
            new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Ends the run on an error that escaped every command: its one line (out of memory said once, whichever threads
     * ran out), then exit 3 from a thread of its own, so shutdown hooks still remove half-written outputs; if even
     * that thread cannot be made, the JVM halts with 3.
     */
    static void fatal(Throwable e) {
        try {
            if (e instanceof OutOfMemoryError) {
                if (OUT_OF_MEMORY_SAID.compareAndSet(false, true)) STDERR.write(OUT_OF_MEMORY);
            } else {
                STDERR.write(("strata: " + oneLine(ExitCodes.messageOf(e)) + "\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        } catch (Throwable ignored) {
            // nothing more can be said
        }
        try {
            Thread exit = new Thread(() -> System.exit(ExitCodes.INTERNAL), "strata-exit");
            exit.setDaemon(true);
            exit.start();
        } catch (Throwable t) {
            Runtime.getRuntime().halt(ExitCodes.INTERNAL);
        }
    }

    /** Whether to tell this error: out of memory once per run, whichever threads hit it; anything else always. */
    private static boolean sayOnce(Throwable t) {
        Throwable cause = t;
        while ((cause instanceof java.util.concurrent.CompletionException
                || cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return !(cause instanceof OutOfMemoryError) || OUT_OF_MEMORY_SAID.compareAndSet(false, true);
    }

    private static int runMain(String[] args) {
        // slf4j-api comes with CycloneDX's schema validator, and sqlite-jdbc logs through it when present; with no
        // provider bound SLF4J warns on standard error. Below ERROR it stays quiet (and logs nowhere), so stderr
        // carries only Strata's lines. A provider is not bundled: the fleet module brings Spark's own.
        if (System.getProperty("slf4j.internal.verbosity") == null) System.setProperty("slf4j.internal.verbosity", "ERROR");
        TextWidth.set(Terminal.columns());
        java.io.PrintStream stdout = StandardOutput.install();
        ProgressMeter progress = ProgressMeter.startIfWanted(args);
        java.io.Writer outWriter = new java.io.OutputStreamWriter(stdout, java.nio.charset.StandardCharsets.UTF_8);
        java.io.Writer errWriter = new java.io.OutputStreamWriter(System.err, java.nio.charset.StandardCharsets.UTF_8);
        if (progress != null) {
            // the first line of results or of a message ends the progress line, so they start on a clean line
            outWriter = progress.endsOnWrite(outWriter);
            errWriter = progress.endsOnWrite(errWriter);
        }
        PrintWriter out = new PrintWriter(outWriter, false);
        PrintWriter err = new PrintWriter(errWriter, true);
        int code = run(args, out, err);
        if (progress != null) progress.close();
        return finish(code, out, stdout, err);
    }

    /**
     * Flushes standard output and checks it: PrintWriter and PrintStream swallow write errors, so a run whose
     * output was lost (a full disk, a closed pipe) would otherwise exit 0. It exits 2, saying so in one line.
     */
    static int finish(int code, PrintWriter out, java.io.PrintStream stdout, PrintWriter err) {
        out.flush();
        stdout.flush();
        if (StandardOutput.brokenPipe() && code != ExitCodes.INTERNAL) {
            // the reader closed the pipe (`| head`): quiet, and not 0, as a tool killed by SIGPIPE would be
            err.flush();
            return EXIT_BROKEN_PIPE;
        }
        if (out.checkError() || stdout.checkError()) {
            // unless the command already failed on it and said so
            if (!StandardOutput.reported()) err.println("strata: " + StandardOutput.failure().getMessage());
            code = code == ExitCodes.INTERNAL ? code : ExitCodes.BAD_INPUT;
        }
        err.flush();
        return code;
    }

    /** Runs one command line; returns the exit code. Never throws. */
    public static int run(String[] args, PrintWriter rawOut, PrintWriter rawErr) {
        // whatever a command prints, archive text cannot drive the terminal (see TerminalText)
        PrintWriter out = new PrintWriter(TerminalText.guard(rawOut), false);
        PrintWriter err = new PrintWriter(TerminalText.guard(rawErr), true);
        try {
            return runGuarded(args, out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static int runGuarded(String[] args, PrintWriter out, PrintWriter err) {
        String first = args.length > 0 ? args[0] : "";
        CommandLine cl = COMMANDS.containsKey(first) ? commandLine(out, err, List.of(first))
                : commandLine(out, err);
        try {
            return cl.execute(args);
        } catch (Throwable t) {
            // picocli hands on Errors (out of memory above all): still one line, never a stack trace
            if (sayOnce(t)) {
                err.println("strata: " + oneLine(ExitCodes.messageOf(t)));
                err.flush();
            }
            return ExitCodes.of(t);
        }
    }

    /** The whole command line, every subcommand registered. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, COMMANDS.keySet());
    }

    private static CommandLine commandLine(PrintWriter out, PrintWriter err, Collection<String> subcommands) {
        CommandLine cl = new CommandLine(new Main());
        for (String name : subcommands) {
            cl.addSubcommand(name, COMMANDS.get(name).get());
            cl.getSubcommands().get(name).getHelpSectionMap()
                    .put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS, Main::synopsis);
        }
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (StandardOutput.brokenPipe() && ExitCodes.of(ex) != ExitCodes.INTERNAL) return EXIT_BROKEN_PIPE;
            StandardOutput.noteReported(ExitCodes.messageOf(ex));
            if (sayOnce(ex)) {
                cmd.getErr().println("strata: " + oneLine(ExitCodes.messageOf(ex)));
                cmd.getErr().flush();
            }
            return ExitCodes.of(ex);
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println("strata: " + oneLine(ex.getMessage()));
            // a mistyped command or option: picocli knows the near names ("Did you mean: inspect?")
            if (ex instanceof CommandLine.UnmatchedArgumentException u) {
                CommandLine.UnmatchedArgumentException.printSuggestions(u, cmd.getErr());
            }
            cmd.getErr().println("Try 'strata " + (cmd.getCommandName().equals("strata") ? "" : cmd.getCommandName() + " ")
                    + "--help' for more information.");
            cmd.getErr().flush();
            return ExitCodes.BAD_INPUT;
        });
        return cl;
    }

    /** A guard rail in picocli's synopsis: {@code [--max-json-bytes=N]}. */
    private static final java.util.regex.Pattern GUARD_RAIL = java.util.regex.Pattern.compile("\\[--max-[a-z-]+=N]");

    /**
     * The synopsis with the guard rails as one {@code [GUARD-RAILS]}: picocli 4.7 lists each option of an argument
     * group that comes with a mixin twice there, and the rails have their own heading below anyway.
     */
    static String synopsis(CommandLine.Help help) {
        String picocli = help.synopsis(help.synopsisHeadingLength());
        if (!GUARD_RAIL.matcher(picocli).find()) return picocli;
        String name = help.commandSpec().qualifiedName();
        String flat = picocli.strip().replaceAll("\\s+", " ");
        List<String> words = new java.util.ArrayList<>();
        boolean placed = false;
        // words split at spaces outside brackets, so a group like [A | B] stays whole
        StringBuilder word = new StringBuilder();
        int depth = 0;
        for (char c : (flat.substring(name.length()).strip() + " ").toCharArray()) {
            if (c == ' ' && depth == 0) {
                if (word.isEmpty()) continue;
                String w = word.toString();
                word.setLength(0);
                if (GUARD_RAIL.matcher(w).matches()) {
                    if (!placed) words.add("[GUARD-RAILS]");
                    placed = true;
                } else {
                    words.add(w);
                }
                continue;
            }
            if (c == '[' || c == '(') depth++;
            if (c == ']' || c == ')') depth = Math.max(0, depth - 1);
            word.append(c);
        }
        int width = help.commandSpec().usageMessage().width();
        String indent = " ".repeat(help.synopsisHeadingLength() + name.length() + 1);
        StringBuilder out = new StringBuilder(name);
        int column = help.synopsisHeadingLength() + name.length();
        for (String w : words) {
            if (column + 1 + w.length() > width && column > indent.length()) {
                out.append(System.lineSeparator()).append(indent).append(w);
                column = indent.length() + w.length();
            } else {
                out.append(' ').append(w);
                column += 1 + w.length();
            }
        }
        return out.append(System.lineSeparator()).toString();
    }

    private static String oneLine(String s) {
        if (s == null) return "";
        String flat = s.replace('\n', ' ').replace('\r', ' ');
        return flat.length() > 2000 ? flat.substring(0, 1997) + "..." : flat;
    }
}
