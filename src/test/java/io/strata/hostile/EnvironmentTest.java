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
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", script, "sh"));
        cmd.addAll(command);
        File out = dir.resolve("out.txt").toFile();
        File err = dir.resolve("err.txt").toFile();
        Process p = new ProcessBuilder(cmd).redirectOutput(out).redirectError(err).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new ChildJvm.Result(p.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
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
