package io.strata.cli;

import io.strata.model.NameBytes;
import io.strata.report.TerminalText;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * An in-image path named on the command line. Names in images are bytes, but the JVM decodes its arguments with
 * the locale's charset and replaces what does not decode, so {@code $'data/a\xff'} arrives as {@code data/a?} or
 * {@code data/a\uFFFD}. Two ways to name such a file: the raw bytes (recovered from {@code /proc/self/cmdline},
 * where Linux keeps them as given), or the escaped form {@code files} and the other text outputs print
 * ({@code \xNN} for a byte, {@code \n}, {@code \t}, {@code \r}, {@code \0}). The names to try, in order: the
 * argument as given (its exact bytes when they can be recovered), then, when it holds escapes, the unescaped one.
 */
final class PathArgument {
    /** Linux's ARG_MAX is 2 MiB by default; what is longer is not read. */
    private static final int MAX_CMDLINE_BYTES = 4 << 20;

    private PathArgument() {
    }

    /** The names (in NameBytes form) the argument may mean, the literal one first. */
    static List<String> candidates(String arg) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        out.add(exactBytes(arg).orElse(arg));
        out.add(TerminalText.unescape(arg));
        return new ArrayList<>(out);
    }

    /**
     * The argument's own bytes when the JVM may have decoded them lossily (anything but ASCII, or a '?'): the one
     * element of {@code /proc/self/cmdline} that decodes, as the JVM decoded it, to {@code arg}. Empty when there is
     * no such file or the match is not unique (then the argument is taken as decoded).
     */
    static Optional<String> exactBytes(String arg) {
        // the JVM turns what it cannot decode into U+FFFD, or '?' in an ASCII locale
        if (arg.chars().allMatch(c -> c < 0x80 && c != '?')) return Optional.empty();
        Path cmdline = Path.of("/proc/self/cmdline");
        if (!Files.isReadable(cmdline)) return Optional.empty();
        byte[] all;
        try (InputStream in = Files.newInputStream(cmdline)) {
            all = in.readNBytes(MAX_CMDLINE_BYTES);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        Charset jvm;
        try {
            jvm = Charset.forName(System.getProperty("sun.jnu.encoding", Charset.defaultCharset().name()));
        } catch (RuntimeException e) {
            jvm = Charset.defaultCharset();
        }
        LinkedHashSet<String> found = new LinkedHashSet<>();
        int start = 0;
        for (int i = 0; i <= all.length; i++) {
            if (i == all.length || all[i] == 0) {
                String decoded = i > start ? new String(all, start, i - start, jvm) : "";
                if (i > start && (decoded.equals(arg) || decoded.replace('\uFFFD', '?').equals(arg))) {
                    found.add(NameBytes.decode(all, start, i));
                }
                start = i + 1;
            }
        }
        return found.size() == 1 ? Optional.of(found.iterator().next()) : Optional.empty();
    }
}
