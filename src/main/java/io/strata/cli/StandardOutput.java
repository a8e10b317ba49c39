package io.strata.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The process's standard output, with its first write error kept: a PrintStream or PrintWriter swallows errors,
 * so the reason is taken here and a run whose output was lost (a full disk, a closed pipe) exits 2 saying so.
 */
final class StandardOutput {
    private static volatile IOException firstError;
    private static volatile boolean reported;

    private StandardOutput() {
    }

    /** Standard output as a PrintStream whose errors are remembered; installed once by Main. */
    static PrintStream install() {
        OutputStream fd = new FileOutputStream(FileDescriptor.out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                try {
                    super.write(b, off, len);
                } catch (IOException e) {
                    if (firstError == null) firstError = e;
                    throw e;
                }
            }

            @Override
            public void write(int b) throws IOException {
                try {
                    super.write(b);
                } catch (IOException e) {
                    if (firstError == null) firstError = e;
                    throw e;
                }
            }
        };
        PrintStream ps = new PrintStream(new java.io.BufferedOutputStream(fd, 1 << 16), false, StandardCharsets.UTF_8);
        System.setOut(ps);
        return ps;
    }

    /** Remembers that a command's failure message already named standard output. */
    static void noteReported(String message) {
        if (message != null && message.startsWith(OutputTarget.STDOUT + ":")) reported = true;
    }

    static boolean reported() {
        return reported;
    }

    /**
     * Whether standard output failed because its reader went away (`strata files X | head`). Unix tools die
     * quietly of SIGPIPE there; the JVM ignores that signal and gets EPIPE instead, so Main exits as they do.
     */
    static boolean brokenPipe() {
        IOException e = firstError;
        return e != null && e.getMessage() != null && e.getMessage().contains("Broken pipe");
    }

    /** The error to report when standard output failed: its reason when known. */
    static IOException failure() {
        IOException e = firstError;
        return new IOException(OutputTarget.STDOUT + ": cannot write: "
                + (e == null ? "write error" : OutputTarget.reason(e)), e);
    }
}
