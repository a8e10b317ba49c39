package io.strata.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.regex.Pattern;

/**
 * With {@code -Dstrata.golden.log=FILE}, every in-process CLI run of the tests (golden, hostile, fuzz) appends its
 * command line, exit code, standard output and standard error to FILE, temporary folders masked, so two builds'
 * outputs can be compared byte for byte (bench/golden.sh). Without the property it does nothing.
 */
public final class GoldenLog {
    private static final String FILE = System.getProperty("strata.golden.log");
    private static final Pattern TEMP = Pattern.compile("/tmp/[A-Za-z0-9_.-]*?(junit|strata)[A-Za-z0-9_.-]*");

    private GoldenLog() {
    }

    public static synchronized void record(List<String> args, int code, String out, String err) {
        if (FILE == null) return;
        String block = "=== " + mask(String.join(" ", args)) + "\nexit " + code + "\n--- stdout\n" + mask(out)
                + "\n--- stderr\n" + mask(err) + "\n";
        try {
            Files.writeString(Path.of(FILE), block, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String mask(String s) {
        return TEMP.matcher(s).replaceAll("<TMP>");
    }
}
