package io.strata.hostile;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Strata's Main in a JVM of its own, on this test run's class path: for what an in-process run cannot show
 * (the real standard output and input, a signal, the JVM's exit code).
 */
final class ChildJvm {
    private ChildJvm() {
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The command line of a child running {@code strata ARGS}, with the test's cache folder. */
    static List<String> command(String... args) {
        List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-Dstrata.cacheDir=" + System.getProperty("strata.cacheDir", "target/test-cache"),
                "-cp", System.getProperty("java.class.path"), "io.strata.cli.Main"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    record Result(int code, String out, String err) {
    }

    /** Runs to the end, standard output to {@code stdout} (a file such as /dev/full), or captured when null. */
    static Result run(File stdout, String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command(args));
        File out = File.createTempFile("strata-child-", ".out");
        File err = File.createTempFile("strata-child-", ".err");
        try {
            pb.redirectOutput(stdout != null ? stdout : out);
            pb.redirectError(err);
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("strata " + String.join(" ", args) + " did not finish");
            }
            return new Result(p.exitValue(), java.nio.file.Files.readString(out.toPath()),
                    java.nio.file.Files.readString(err.toPath()));
        } finally {
            out.delete();
            err.delete();
        }
    }
}
