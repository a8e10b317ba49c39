package io.strata.cli;

import io.strata.model.Digest;
import io.strata.report.JsonOutput;
import io.strata.spec.Json;

import java.util.List;
import java.util.Map;

/**
 * Start-up work a command reading an archive does anyway, done on the second core while the main thread builds the
 * command line: the JDK's security providers (the first SHA-256 costs about 15 ms), Jackson's parser and generator,
 * and the JDK classes picocli's built-in converters initialise. Nothing here reads a user's file, prints, or can end
 * the run: every failure is dropped, and the main thread then simply does the same work itself.
 */
final class WarmUp implements Runnable {
    /** The commands that open no archive (nothing here would be used). */
    private static final List<String> LIGHT = List.of("completion", "cache");

    /** JDK classes picocli initialises for its converters (CommandLine.Interpreter.registerBuiltInConverters). */
    private static final List<String> PICOCLI_TYPES = List.of("java.util.Date", "java.sql.Time", "java.sql.Timestamp",
            "java.time.Duration", "java.time.Instant", "java.time.LocalDate", "java.time.LocalDateTime",
            "java.time.LocalTime", "java.time.MonthDay", "java.time.OffsetDateTime", "java.time.OffsetTime",
            "java.time.Period", "java.time.Year", "java.time.YearMonth", "java.time.ZonedDateTime",
            "java.time.ZoneId", "java.time.ZoneOffset");

    private WarmUp() {
    }

    /** Starts the warm-up for a run of {@code command} (the first argument), if it reads an archive. */
    static void startFor(String command) {
        if (!Main.isCommand(command) || LIGHT.contains(command)) return;
        try {
            Thread t = new Thread(new WarmUp(), "strata-warm-up");
            t.setDaemon(true);
            t.start();
        } catch (Throwable ignored) {
            // no thread to spare: the main thread does it all, as it would anyway
        }
    }

    @Override
    public void run() {
        try {
            ClassLoader loader = WarmUp.class.getClassLoader();
            for (String type : PICOCLI_TYPES) Class.forName(type, true, loader);
            Digest.newSha256().digest(new byte[0]);
            Json.tree(new byte[] {'{', '}'});
            JsonOutput.toJson(Map.of("", 0));
        } catch (Throwable ignored) {
            // only ever a head start: whatever failed here, the command meets (and reports) itself
        }
    }
}
