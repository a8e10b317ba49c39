package io.strata.cli;

import io.strata.analysis.SelectionException;
import io.strata.archive.ArchiveException;
import io.strata.layer.LayerException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

@Command(name = "strata", mixinStandardHelpOptions = true, version = "strata 0.1.0",
        description = "Daemonless analyzer for container images saved as files.",
        subcommands = {InspectCommand.class, HistoryCommand.class, DiffCommand.class, FilesCommand.class,
                WasteCommand.class, CiCommand.class, AdviseCommand.class, VerifyCommand.class, ExtractCommand.class,
                ExportCommand.class, ReportCommand.class, CacheCommand.class})
public class Main {

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, java.nio.charset.StandardCharsets.UTF_8), false);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, java.nio.charset.StandardCharsets.UTF_8), true);
        int code = run(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs one command line; returns the exit code. Never throws. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine(out, err);
        return cl.execute(args);
    }

    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("strata: " + oneLine(messageOf(ex)));
            cmd.getErr().flush();
            return exitCodeOf(ex);
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println("strata: " + oneLine(ex.getMessage()));
            cmd.getErr().println("Try 'strata " + (cmd.getCommandName().equals("strata") ? "" : cmd.getCommandName() + " ")
                    + "--help' for more information.");
            cmd.getErr().flush();
            return ExitCodes.BAD_INPUT;
        });
        return cl;
    }

    /** The one mapping from exceptions to exit codes. */
    static int exitCodeOf(Throwable ex) {
        if (ex instanceof ArchiveException || ex instanceof LayerException || ex instanceof SelectionException
                || ex instanceof UsageException) {
            return ExitCodes.BAD_INPUT;
        }
        if (ex instanceof java.io.IOException) return ExitCodes.BAD_INPUT;
        return ExitCodes.INTERNAL;
    }

    static String messageOf(Throwable ex) {
        if (exitCodeOf(ex) == ExitCodes.INTERNAL) {
            if (ex instanceof OutOfMemoryError) {
                return "out of memory (raise -Xmx via STRATA_JAVA_OPTS, or lower the limits): " + ex.getMessage();
            }
            return "internal error: " + ex + (ex.getStackTrace().length > 0 ? " at " + ex.getStackTrace()[0] : "");
        }
        return ex.getMessage() == null ? ex.toString() : ex.getMessage();
    }

    private static String oneLine(String s) {
        if (s == null) return "";
        String flat = s.replace('\n', ' ').replace('\r', ' ');
        return flat.length() > 2000 ? flat.substring(0, 1997) + "..." : flat;
    }
}
