package io.strata.hostile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The process's surroundings: a closed standard input, a permissive umask. Each in a JVM of its own. */
class EnvironmentTest {
    @TempDir
    Path dir;

    /** Runs {@code sh -c SCRIPT} where "$@" is the child JVM's command line; returns exit code, stdout, stderr. */
    private ChildJvm.Result shell(String script, List<String> command) throws Exception {
        return shell(script, command, Path.of("sh"));
    }

    /** The same with {@code $0} set to {@code zero} (a folder to run in, say). */
    private ChildJvm.Result shell(String script, List<String> command, Path zero) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", script, zero.toString()));
        cmd.addAll(command);
        File out = dir.resolve("out.txt").toFile();
        File err = dir.resolve("err.txt").toFile();
        Process p = new ProcessBuilder(cmd).redirectOutput(out).redirectError(err).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new ChildJvm.Result(p.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
    }

    /**
     * A heap too small for the archive: whichever thread runs out first (the main thread, a layer scan, the inflating
     * thread), one line on standard error and exit 3; no stack trace, no "Exception in thread", no exit 1 (the JVM's
     * code for an uncaught error), no hang, nothing on standard output, no crash report in the working folder.
     */
    @Test
    void runningOutOfMemoryIsOneLineAndExitThree() throws Exception {
        Path work = Files.createDirectory(dir.resolve("work"));
        // 60,000 entries: their index and merged tree need more than any of these heaps
        Path archive = ManyEntriesTest.archive(Files.createDirectory(dir.resolve("archive")), 60_000);
        for (String heap : List.of("-Xmx8m", "-Xmx10m", "-Xmx12m", "-Xmx16m")) {
            List<String> java = new ArrayList<>(ChildJvm.command("waste", "--no-cache", archive.toString()));
            java.add(java.indexOf("-Xmx512m") + 1, heap); // the later -Xmx wins
            ChildJvm.Result r = shell("cd \"$0\" && exec \"$@\"", java, work);
            assertEquals(3, r.code(), heap + ": " + r.err() + r.out());
            assertEquals(1, r.err().lines().count(), heap + ": one line\n" + r.err());
            assertTrue(r.err().startsWith("strata: out of memory"), heap + ": " + r.err());
            assertEquals("", r.out(), heap);
            try (Stream<Path> left = Files.list(work)) {
                assertEquals(List.of(), left.toList(), heap + ": nothing left in the working folder");
            }
        }
    }

    @Test
    void aClosedStandardInputIsExitTwoAndLeavesNoSpool() throws Exception {
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        for (String command : List.of("inspect", "verify", "files")) {
            List<String> java = new ArrayList<>(ChildJvm.command(command, "-"));
            java.add(1, "-Djava.io.tmpdir=" + tmp);
            ChildJvm.Result r = shell("exec \"$@\" <&-", java);
            assertEquals(2, r.code(), command + ": " + r.err());
            assertTrue(r.err().contains("standard input is closed"), r.err());
            assertEquals("", r.out());
            try (Stream<Path> left = Files.list(tmp)) {
                assertEquals(List.of(), left.toList(), command + ": no spool file left");
            }
        }
    }

    @Test
    void theCacheIsPrivateWhateverTheUmask() throws Exception {
        Path cache = dir.resolve("cache");
        List<String> java = new ArrayList<>(ChildJvm.command("inspect", OutputSafetyTest.SAMPLE));
        java.add(java.indexOf("-cp"), "-Dstrata.cacheDir=" + cache); // after the default one, so it wins
        ChildJvm.Result r = shell("umask 000; exec \"$@\"", java);
        assertEquals(0, r.code(), r.err());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cache)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.resolve("layers"))));
        try (Stream<Path> files = Files.walk(cache)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
            }
        }
    }
}
