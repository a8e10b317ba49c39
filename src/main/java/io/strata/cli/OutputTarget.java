package io.strata.cli;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where extract and export write bytes: the one file the user named (created or truncated; removed again when the
 * command fails, so no half-written output is left), or standard output for "-". Nothing else is ever written.
 */
final class OutputTarget implements AutoCloseable {
    private final Path file;
    private final OutputStream stream;
    private boolean committed;

    private OutputTarget(Path file, OutputStream stream) {
        this.file = file;
        this.stream = stream;
    }

    /** {@code name} null or "-" is standard output; {@code input} is refused as output, so it cannot be clobbered. */
    static OutputTarget open(String name, String input) throws UsageException {
        if (name == null || "-".equals(name)) {
            return new OutputTarget(null, new BufferedOutputStream(new FilterOutputStream(System.out) {
                @Override
                public void write(byte[] b, int off, int len) {
                    System.out.write(b, off, len);
                }

                @Override
                public void close() {
                    System.out.flush(); // standard output stays open
                }
            }, 1 << 16));
        }
        Path path = Path.of(name);
        if (Files.isDirectory(path)) throw new UsageException(name + ": is a directory; name the output file");
        try {
            if (!"-".equals(input) && Files.exists(path) && Files.isSameFile(path, Path.of(input))) {
                throw new UsageException(name + ": is the input archive; choose another output");
            }
            return new OutputTarget(path, new BufferedOutputStream(Files.newOutputStream(path,
                    StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), 1 << 16));
        } catch (IOException e) {
            throw new UsageException(name + ": cannot write: " + e.getMessage());
        }
    }

    OutputStream stream() {
        return stream;
    }

    /** Marks the output complete; without it, close() removes a file output. */
    void commit() throws IOException {
        stream.flush();
        committed = true;
    }

    @Override
    public void close() throws IOException {
        try {
            stream.close();
        } finally {
            if (!committed && file != null) Files.deleteIfExists(file);
        }
    }
}
