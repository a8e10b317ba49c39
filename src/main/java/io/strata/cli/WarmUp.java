package io.strata.cli;

import io.strata.model.Digest;
import io.strata.model.MediaType;
import io.strata.report.JsonOutput;
import io.strata.spec.SpecTranslator;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.Writer;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Start-up work a command reading an archive does anyway, done on the second core while the main thread builds the
 * command line: the annotations picocli reads (15-20 ms off the main thread), the JDK classes picocli's built-in
 * converters initialise, the JDK's security providers (the first SHA-256 costs about 15 ms), and reading an index, a
 * manifest and a config and writing JSON once on built-in documents: that loads Jackson and links the readers'
 * lambdas (each call site's first use costs up to a millisecond). Nothing here reads a user's file, prints, or can
 * end the run: every failure is dropped, and the main thread then simply does the same work itself.
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

    private static final String ZERO = "sha256:" + "0".repeat(64);
    /** An index, a manifest and a config using every field the readers know, so every reader's call site links. */
    static final String INDEX = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_INDEX + "\","
            + "\"manifests\":[{\"mediaType\":\"" + MediaType.OCI_MANIFEST + "\",\"digest\":\"" + ZERO
            + "\",\"size\":1,\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"},"
            + "\"annotations\":{\"org.opencontainers.image.ref.name\":\"a\"},\"urls\":[\"u\"]}],"
            + "\"annotations\":{\"a\":\"b\"}}";
    static final String MANIFEST = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_MANIFEST + "\","
            + "\"config\":{\"mediaType\":\"" + MediaType.OCI_CONFIG + "\",\"digest\":\"" + ZERO + "\",\"size\":1},"
            + "\"layers\":[{\"mediaType\":\"" + MediaType.OCI_LAYER_GZIP + "\",\"digest\":\"" + ZERO
            + "\",\"size\":1}],\"annotations\":{\"a\":\"b\"}}";
    static final String CONFIG = "{\"created\":\"2024-01-01T00:00:00Z\",\"author\":\"a\","
            + "\"architecture\":\"amd64\",\"os\":\"linux\",\"variant\":\"v\",\"docker_version\":\"1\","
            + "\"config\":{\"User\":\"u\",\"ExposedPorts\":{\"80/tcp\":{}},\"Env\":[\"A=b\"],"
            + "\"Entrypoint\":[\"e\"],\"Cmd\":[\"c\"],\"Volumes\":{\"/v\":{}},\"WorkingDir\":\"/w\","
            + "\"Labels\":{\"l\":\"v\"},\"StopSignal\":\"SIGTERM\",\"Healthcheck\":{\"Test\":[\"CMD\",\"t\"],"
            + "\"Interval\":1,\"Timeout\":1,\"StartPeriod\":1,\"Retries\":1},\"OnBuild\":[\"o\"],"
            + "\"Shell\":[\"/bin/sh\"]},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + ZERO + "\"]},"
            + "\"history\":[{\"created\":\"2024-01-01T00:00:00Z\",\"created_by\":\"c\",\"author\":\"a\","
            + "\"comment\":\"c\",\"empty_layer\":true}]}";

    /** The smallest heap the warm-up runs in (the default is a quarter of the memory; tests go down to 8 MiB). */
    private static final long MIN_HEAP = 64L << 20;

    private final String command;

    private WarmUp(String command) {
        this.command = command;
    }

    /** Starts the warm-up for a run of {@code command} (the first argument), if it reads an archive. */
    static void startFor(String command) {
        if (!Main.isCommand(command) || LIGHT.contains(command)) return;
        // in a heap this small, running out of memory here, inside a class's static initialiser, would leave the class
        // unusable and the command failing on that instead of saying "out of memory"
        if (Runtime.getRuntime().maxMemory() < MIN_HEAP) return;
        try {
            Thread t = new Thread(new WarmUp(command), "strata-warm-up");
            t.setDaemon(true);
            t.start();
        } catch (Throwable ignored) {
            // no thread to spare: the main thread does it all, as it would anyway
        }
    }

    @Override
    public void run() {
        try {
            annotations(command);
            warm();
        } catch (Throwable ignored) {
            // only ever a head start: whatever failed here, the command meets (and reports) itself
        }
    }

    /**
     * Reads the annotations picocli will read to build the command line (the JDK parses each element's annotations
     * once and keeps them; the first of each annotation type generates a proxy class at run time): the top
     * command's, Object's methods' (picocli looks for command methods up to Object), the subcommand's with its mixins
     * and argument groups, and the standard help options'.
     */
    static void annotations(String command) throws Exception {
        Main.class.getAnnotations();
        for (Method m : Object.class.getDeclaredMethods()) m.getAnnotations();
        annotationsOf(Main.commandClass(command), 0);
        annotationsOf(Class.forName("picocli.CommandLine$AutoHelpMixin", false, WarmUp.class.getClassLoader()), 0);
    }

    private static void annotationsOf(Class<?> type, int depth) {
        if (depth > 4) return;
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            c.getAnnotations();
            for (Method m : c.getDeclaredMethods()) m.getAnnotations();
            for (Field f : c.getDeclaredFields()) {
                if (f.isAnnotationPresent(CommandLine.Mixin.class) || f.isAnnotationPresent(CommandLine.ArgGroup.class)) {
                    annotationsOf(f.getType(), depth + 1);
                }
            }
        }
    }

    /** The work itself; throws what went wrong (the tests check nothing does). */
    static void warm() throws Exception {
        ClassLoader loader = WarmUp.class.getClassLoader();
        for (String type : PICOCLI_TYPES) Class.forName(type, true, loader);
        Digest.sha256Of(CONFIG.getBytes(StandardCharsets.UTF_8));
        SpecTranslator.document(INDEX.getBytes(StandardCharsets.UTF_8), MediaType.OCI_INDEX);
        SpecTranslator.document(MANIFEST.getBytes(StandardCharsets.UTF_8), MediaType.OCI_MANIFEST);
        SpecTranslator.config(CONFIG.getBytes(StandardCharsets.UTF_8));
        Map<String, Object> doc = JsonOutput.document();
        doc.put("a", List.of(Map.of("b", 1L, "c", "d", "e", true)));
        JsonOutput.write(doc, new PrintWriter(Writer.nullWriter()));
    }
}
