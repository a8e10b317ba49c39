package io.strata.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Progress on standard error under a pseudo-terminal (util-linux `script`), through the launcher, which tells the
 * JVM that standard error is a terminal; none when it is not one, none with --quiet. The one-second delay is set
 * to 0 and the quarter-second period to 1 ms here (STRATA_JAVA_OPTS), so the sample's short run shows it: with the
 * default period a run read in under 250 ms was sometimes never drawn.
 */
class ProgressTest {
    @TempDir
    static Path dir;
    static Path launcher;

    @BeforeAll
    static void install() throws Exception {
        Path dist = dir.resolve("strata");
        Files.createDirectories(dist.resolve("bin"));
        Files.createDirectories(dist.resolve("lib"));
        launcher = dist.resolve("bin/strata");
        Files.copy(Path.of("strata"), launcher);
        launcher.toFile().setExecutable(true);
        LauncherTest.writeManifestJar(dist.resolve("lib/strata.jar"));
    }

    private static String run(List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("STRATA_JAVA_OPTS", "-Dstrata.progress.delay=0 -Dstrata.progress.period=1");
        pb.environment().put("STRATA_CACHE_DIR", System.getProperty("strata.cacheDir", "target/test-cache"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    private static String underTerminal(String args) throws Exception {
        return run(List.of("script", "-qec", launcher + " " + args, "/dev/null"));
    }

    @Test
    void progressUnderATerminal() throws Exception {
        String out = underTerminal("verify " + Path.of(CliRun.SAMPLE).toAbsolutePath());
        assertTrue(out.contains("reading ") && out.contains("B/s"), out);
        assertTrue(out.contains("\r\033[K"), "drawn in place and cleared");
        assertTrue(out.contains("Result:") || out.contains("PASS") || out.contains("pass"), out);
    }

    @Test
    void noProgressWithQuiet() throws Exception {
        String out = underTerminal("inspect --quiet --no-cache " + Path.of(CliRun.SAMPLE).toAbsolutePath());
        assertFalse(out.contains("reading "), out);
        assertTrue(out.contains("ctest/sample:1.0"), out);
    }

    @Test
    void noProgressWithoutATerminal() throws Exception {
        String out = run(List.of(launcher.toString(), "verify", Path.of(CliRun.SAMPLE).toAbsolutePath().toString()));
        assertFalse(out.contains("reading ") || out.contains("\033"), out);
    }
}
