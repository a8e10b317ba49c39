package io.strata.hostile;

import io.strata.testing.Archives;
import io.strata.diff.PathPatterns;
import io.strata.model.ImagePath;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cost bombs in what the user passes: a glob built to backtrack, a config file without end, thresholds that are
 * not numbers. Each is answered at once: a glob match in linear time, a bounded read, exit 2.
 */
class LimitsTest {
    @TempDir
    Path dir;

    private static final String BOMB = "**/a/**/a/**/zzz";
    private static final String DEEP = "/a".repeat(300) + "/b";

    private static CommandMatrix.Outcome strata(String... args) {
        return CommandMatrix.run(List.of(args));
    }

    @Test
    void aBacktrackingGlobIsInstant() {
        PathPatterns p = PathPatterns.of(List.of(BOMB, "/**/a/**/a/**/a/**/a/**/zzz", "*a*a*a*a*a*a*a*zzz"));
        ImagePath deep = ImagePath.normalise(DEEP).orElseThrow();
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            for (int i = 0; i < 20; i++) assertEquals(false, p.matches(deep));
        });
        assertTrue(PathPatterns.of(List.of("**/a/**/a/**/b")).matches(deep));
    }

    /** A setuid file 300 segments deep, in a one-layer docker-archive. */
    private Path deepArchive(String name, int mode) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            TarArchiveEntry f = new TarArchiveEntry(DEEP.substring(1));
            f.setMode(0100000 | mode);
            f.setSize(1);
            tar.putArchiveEntry(f);
            tar.write('x');
            tar.closeArchiveEntry();
        }
        return new Archives.Docker().layer(out.toByteArray()).write(dir.resolve(name));
    }

    @Test
    void globsOnTheCommandLineMatchInLinearTime() throws IOException {
        Path a = deepArchive("a.tar", 0755);
        Path b = deepArchive("b.tar", 04755);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            CommandMatrix.Outcome diff = strata("diff", "--no-cache", "--ignore", BOMB, a.toString(), b.toString());
            assertEquals(1, diff.code(), diff.err()); // the mode differs and the pattern does not match
            CommandMatrix.Outcome ci = strata("ci", "--no-cache", "--no-setuid", "--allow-setuid", BOMB,
                    "--allow-world-writable", BOMB, b.toString());
            assertEquals(1, ci.code(), ci.err());
            CommandMatrix.Outcome allowed = strata("ci", "--no-cache", "--no-setuid", "--allow-setuid",
                    "**/a/**/a/**/b", b.toString());
            assertEquals(0, allowed.code(), allowed.out() + allowed.err());
        });
    }

    /** The automaton agrees with the regular expression the globs used to compile to, on random globs and paths. */
    @Test
    void theAutomatonMatchesWhatTheRegexMatched() {
        Random r = new Random(42);
        String[] pieces = {"a", "b", "/", "*", "**", "?", "[ab]", "[!a]", "/**/", "/**"};
        for (int n = 0; n < 4000; n++) {
            StringBuilder g = new StringBuilder();
            for (int k = 1 + r.nextInt(6); k > 0; k--) g.append(pieces[r.nextInt(pieces.length)]);
            StringBuilder path = new StringBuilder();
            for (int k = 1 + r.nextInt(6); k > 0; k--) path.append('/').append("ab".repeat(r.nextInt(2))).append("ba".substring(0, 1 + r.nextInt(2)));
            String glob = g.toString();
            if (glob.isBlank() || glob.equals("/")) continue;
            ImagePath p = ImagePath.normalise(path.toString()).orElseThrow();
            assertEquals(regex(glob).matcher(p.absolute()).matches(), PathPatterns.of(List.of(glob)).matches(p),
                    glob + " on " + p.absolute());
        }
    }

    /** The globs' previous implementation (a java.util.regex translation), kept here as the oracle. */
    private static Pattern regex(String glob) {
        String g = glob;
        boolean anyDepth = !g.contains("/");
        boolean withDir = g.endsWith("/**");
        if (!anyDepth && !g.startsWith("/")) g = "/" + g;
        StringBuilder re = new StringBuilder(anyDepth ? "(?:.*/)?" : "");
        if (withDir) g = g.substring(0, g.length() - 3);
        int i = 0;
        while (i < g.length()) {
            char c = g.charAt(i);
            if (c == '*' && i + 1 < g.length() && g.charAt(i + 1) == '*') {
                boolean wholeSegment = i > 0 && g.charAt(i - 1) == '/' && i + 2 < g.length() && g.charAt(i + 2) == '/';
                re.append(wholeSegment ? "(?:.*/)?" : ".*");
                i += wholeSegment ? 3 : 2;
            } else if (c == '*') {
                re.append("[^/]*");
                i++;
            } else if (c == '?') {
                re.append("[^/]");
                i++;
            } else if (c == '[') {
                int close = g.indexOf(']', i + 2);
                String body = g.substring(i + 1, close);
                boolean negate = body.startsWith("!") || body.startsWith("^");
                if (negate) body = body.substring(1);
                re.append('[').append(negate ? "^" : "").append(body).append(']');
                i = close + 1;
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
                i++;
            }
        }
        if (withDir) re.append("(?:/.*)?");
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    @Test
    void aConfigWithoutEndIsRefusedAtOnce() throws IOException {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            CommandMatrix.Outcome r = strata("ci", "--config", "/dev/zero", OutputSafetyTest.SAMPLE);
            assertEquals(2, r.code());
            assertTrue(r.err().contains("/dev/zero") && r.err().contains("larger than 1 MiB"), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
        });
        CommandMatrix.Outcome d = strata("ci", "--config", dir.toString(), OutputSafetyTest.SAMPLE);
        assertEquals(2, d.code(), d.err());
    }

    @Test
    void notANumberAndNegativeThresholdsAreRefused() throws IOException {
        for (List<String> bad : List.of(
                List.of("--lowest-efficiency", "NaN"), List.of("--highest-user-wasted-percent", "NaN"),
                List.of("--lowest-efficiency", "-0.5"), List.of("--highest-user-wasted-percent", "-1"),
                List.of("--highest-wasted-bytes", "-5MB"), List.of("--max-logical-bytes", "-1"),
                List.of("--max-layers", "-1"), List.of("--max-json-bytes", "-1"), List.of("--max-layer-entries", "-1"),
                List.of("--max-inflate-ratio", "-3"))) {
            List<String> args = new java.util.ArrayList<>(List.of("ci"));
            args.addAll(bad);
            args.add(OutputSafetyTest.SAMPLE);
            CommandMatrix.Outcome r = CommandMatrix.run(args);
            assertEquals(2, r.code(), bad + ": " + r.out() + r.err());
            assertEquals("", r.out(), bad + ": nothing on standard output");
        }
        Path cfg = Files.writeString(dir.resolve(".dive-ci"), "rules:\n  lowestEfficiency: NaN\n");
        assertEquals(2, strata("ci", "--config", cfg.toString(), OutputSafetyTest.SAMPLE).code());
    }
}
