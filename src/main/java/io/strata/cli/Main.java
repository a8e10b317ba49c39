package io.strata.cli;

import io.strata.report.TerminalText;
import io.strata.report.TextWidth;
import io.strata.session.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.Collection;
import java.util.List;

@Command(name = "strata", mixinStandardHelpOptions = true, version = "strata 0.1.0",
        description = "Daemonless analyzer for container images saved as files.")
public class Main {
    /** 128 + SIGPIPE: what a shell reports for a tool whose reader closed the pipe. */
    static final int EXIT_BROKEN_PIPE = 141;

    /**
     * The subcommands, in the order help lists them, each created only when used: picocli reads a command's
     * annotations by reflection, which loads every class its options name, so a run registers just the command it
     * runs (the listing, all of them). A switch rather than a map of constructor references: those would each be
     * linked at start-up, in every run.
     */
    private static final List<String> COMMANDS = List.of("inspect", "config", "manifest", "history", "diff", "files",
            "waste", "packages", "sbom", "ci", "advise", "verify", "extract", "export", "report", "cache", "completion");

    /** The class of the subcommand {@code name} (the start-up warm-up reads its annotations). */
    static Class<?> commandClass(String name) {
        return newCommand(name).getClass();
    }

    private static Object newCommand(String name) {
        return switch (name) {
            case "inspect" -> new InspectCommand();
            case "config" -> new ConfigCommand();
            case "manifest" -> new ManifestCommand();
            case "history" -> new HistoryCommand();
            case "diff" -> new DiffCommand();
            case "files" -> new FilesCommand();
            case "waste" -> new WasteCommand();
            case "packages" -> new PackagesCommand();
            case "sbom" -> new SbomCommand();
            case "ci" -> new CiCommand();
            case "advise" -> new AdviseCommand();
            case "verify" -> new VerifyCommand();
            case "extract" -> new ExtractCommand();
            case "export" -> new ExportCommand();
            case "report" -> new ReportCommand();
            case "cache" -> new CacheCommand();
            case "completion" -> new CompletionCommand();
            default -> throw new IllegalArgumentException("no command " + name);
        };
    }

    public static void main(String[] args) {
        // an error no command caught, on any thread (out of memory above all): one line and exit 3, never a stack
        // trace, a second message, exit 1 (the JVM's code for an uncaught error) or a wait for a thread that died
        Thread.setDefaultUncaughtExceptionHandler(new Fatal());
        WarmUp.startFor(args.length > 0 ? args[0] : "");
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

    /** Whether {@code name} is one of the subcommands. */
    static boolean isCommand(String name) {
        return COMMANDS.contains(name);
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
        // the version alone needs no subcommand; help, a mistyped command and no command at all list every one
        boolean versionOnly = args.length == 1 && (first.equals("--version") || first.equals("-V"));
        CommandLine cl = COMMANDS.contains(first) ? commandLine(out, err, List.of(first))
                : versionOnly ? commandLine(out, err, List.of()) : commandLine(out, err);
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
        return commandLine(out, err, COMMANDS);
    }

    private static CommandLine commandLine(PrintWriter out, PrintWriter err, Collection<String> subcommands) {
        CommandLine cl = new CommandLine(new Main());
        Handlers handlers = new Handlers();
        for (String name : subcommands) {
            cl.addSubcommand(name, newCommand(name));
            cl.getSubcommands().get(name).getHelpSectionMap()
                    .put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS, handlers);
        }
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(handlers);
        cl.setParameterExceptionHandler(handlers);
        return cl;
    }

    /**
     * How a run ends on an error, and the synopsis. A class rather than lambdas: picocli's interfaces are Java 5
     * bytecode, and a lambda implementing one keeps the interface, and every picocli class implementing it, out of
     * the launcher's class-data-sharing archive (and is spun at run time).
     */
    private static final class Handlers implements CommandLine.IExecutionExceptionHandler,
            CommandLine.IParameterExceptionHandler, CommandLine.IHelpSectionRenderer {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
            if (StandardOutput.brokenPipe() && ExitCodes.of(ex) != ExitCodes.INTERNAL) return EXIT_BROKEN_PIPE;
            StandardOutput.noteReported(ExitCodes.messageOf(ex));
            if (sayOnce(ex)) {
                cmd.getErr().println("strata: " + oneLine(ExitCodes.messageOf(ex)));
                cmd.getErr().flush();
            }
            return ExitCodes.of(ex);
        }

        @Override
        public int handleParseException(CommandLine.ParameterException ex, String[] args) {
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
        }

        @Override
        public String render(CommandLine.Help help) {
            return synopsis(help);
        }
    }

    /** Any error no command caught, on any thread (a class, not a lambda: nothing to spin at start-up). */
    private static final class Fatal implements Thread.UncaughtExceptionHandler {
        @Override
        public void uncaughtException(Thread thread, Throwable e) {
            fatal(e);
        }
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
