package io.strata.cli;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one way a command writes a file it was asked for (export, extract, report), or standard output for "-".
 *
 * <ul>
 * <li>A regular file (or a new one) is written to a temporary file beside it and renamed into place only when
 * complete, so a failure, a full disk, SIGINT or SIGTERM leaves the target as it was (the temporary file is
 * removed, by a shutdown hook when the JVM is stopped by a signal), and never a 0-byte or half-written file.</li>
 * <li>A target that is not a regular file (a device such as /dev/null or /dev/full, a fifo) is written in place and
 * never deleted or replaced.</li>
 * <li>A symlink is followed: the file it points to is replaced as above, in that file's folder, and the link itself
 * stays. A link to nothing is refused (a link planted where the output goes must not create a file elsewhere).</li>
 * <li>An output that is one of the command's inputs (the same file by device and inode, through links too) is
 * refused before anything is read.</li>
 * <li>Every write error, standard output's too, is an IOException whose message names the output, so the command
 * exits 2 with one line.</li>
 * </ul>
 */
final class OutputTarget implements AutoCloseable {
    static final String STDOUT = "standard output";
    /** Temporary files not yet renamed or removed: a shutdown hook removes them when a signal stops the JVM. */
    private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Path p : PENDING) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException | RuntimeException ignored) {
                    // the JVM is going away; nothing else can be done
                }
            }
        }, "strata-output-cleanup"));
    }

    private final String name;
    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final OutputStream stream;
    private boolean committed;

    private OutputTarget(String name, Path target, Path temp, FileChannel channel, OutputStream raw) {
        this.name = name;
        this.target = target;
        this.temp = temp;
        this.channel = channel;
        this.stream = new Named(new BufferedOutputStream(raw, 1 << 16), name);
    }

    /**
     * {@code name} null or "-" is standard output; {@code inputs} are the files the command reads ("-" and
     * {@code ARCHIVE#REF} forms included), none of which may be the output.
     */
    static OutputTarget open(String name, List<String> inputs) throws UsageException {
        if (name == null || "-".equals(name)) return standardOutput();
        Path path = Path.of(name);
        refuseInputs(name, path, inputs);
        try {
            if (Files.isSymbolicLink(path) && !Files.exists(path)) {
                throw new UsageException(name + ": is a symbolic link to nothing; name the output file itself");
            }
            // through any links: the file that is written
            Path real = Files.exists(path) ? path.toRealPath() : path.toAbsolutePath();
            if (Files.isDirectory(real)) throw new UsageException(name + ": is a directory; name the output file");
            if (Files.exists(real) && !Files.isRegularFile(real)) {
                // a device or a fifo: written in place, never deleted or replaced
                FileChannel ch = FileChannel.open(real, StandardOpenOption.WRITE);
                return new OutputTarget(name, null, null, ch, Channels.newOutputStream(ch));
            }
            Path folder = real.getParent();
            if (folder == null || !Files.isDirectory(folder)) throw new UsageException(name + ": no such directory " + folder);
            Path temp = createTemp(folder, real.getFileName().toString());
            try {
                if (Files.exists(real)) {
                    // the replacement keeps the permissions the file had
                    Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(real));
                }
                FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE);
                return new OutputTarget(name, real, temp, ch, Channels.newOutputStream(ch));
            } catch (IOException | RuntimeException e) {
                removeTemp(temp);
                throw e;
            }
        } catch (IOException e) {
            throw new UsageException(name + ": cannot write: " + reason(e));
        }
    }

    /** The checks of {@link #open} that need no writing, for a command to make before it reads anything. */
    static void check(String name, List<String> inputs) throws UsageException {
        if (name == null || "-".equals(name)) return;
        Path path = Path.of(name);
        if (Files.isDirectory(path)) throw new UsageException(name + ": is a directory; name the output file");
        refuseInputs(name, path, inputs);
    }

    /** Refuses an output that is the same file as an input, before anything is read or written. */
    private static void refuseInputs(String name, Path output, List<String> inputs) throws UsageException {
        if (!Files.exists(output)) return;
        for (String input : inputs) {
            if (input == null || "-".equals(input)) continue;
            // ARCHIVE#REF names ARCHIVE
            String archive = input.lastIndexOf('#') > 0 ? input.substring(0, input.lastIndexOf('#')) : input;
            for (String candidate : List.of(input, archive)) {
                try {
                    Path in = Path.of(candidate);
                    if (Files.exists(in) && Files.isSameFile(output, in)) {
                        throw new UsageException(name + ": is an input (" + candidate + "); choose another output");
                    }
                } catch (IOException | RuntimeException unreadable) {
                    // an input that cannot be compared cannot be the file written either
                }
            }
        }
    }

    private static Path createTemp(Path folder, String base) throws IOException {
        String shortBase = base.length() > 100 ? base.substring(0, 100) : base;
        for (int attempt = 0; ; attempt++) {
            Path temp = folder.resolve("." + shortBase + ".strata-" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
            PENDING.add(temp);
            try {
                // created as any new file is (the umask decides its permissions), and never over an existing one
                Files.newByteChannel(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return temp;
            } catch (FileAlreadyExistsException taken) {
                PENDING.remove(temp);
                if (attempt > 100) throw taken;
            } catch (IOException | RuntimeException e) {
                PENDING.remove(temp);
                throw e;
            }
        }
    }

    private static OutputTarget standardOutput() {
        OutputStream out = new FilterOutputStream(System.out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                System.out.write(b, off, len);
                if (System.out.checkError()) throw StandardOutput.failure();
            }

            @Override
            public void flush() throws IOException {
                System.out.flush();
                if (System.out.checkError()) throw StandardOutput.failure();
            }

            @Override
            public void close() throws IOException {
                flush(); // standard output stays open
            }
        };
        return new OutputTarget(STDOUT, null, null, null, out);
    }

    OutputStream stream() {
        return stream;
    }

    /** The output is complete: flushed, on disk, and (for a file) renamed into place. */
    void commit() throws IOException {
        stream.flush();
        if (channel != null && temp != null) {
            try {
                // no fsync: the point is a whole file or none for the reader, not durability across a power cut
                // (it cost ~50 s for a 256 MB export on a busy disk); a full disk fails the write itself
                channel.close();
                moveIntoPlace();
            } catch (IOException e) {
                throw new IOException(name + ": cannot write: " + reason(e), e);
            }
        }
        committed = true;
    }

    private void moveIntoPlace() throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename into place atomically", e);
        }
        PENDING.remove(temp);
    }

    @Override
    public void close() throws IOException {
        try {
            if (!committed) {
                try {
                    stream.close();
                } catch (IOException ignored) {
                    // the command's own failure is the one reported
                }
            } else if (channel != null) {
                channel.close();
            }
        } finally {
            if (!committed && temp != null) removeTemp(temp);
        }
    }

    private static void removeTemp(Path temp) {
        try {
            Files.deleteIfExists(temp);
            PENDING.remove(temp);
        } catch (IOException | RuntimeException ignored) {
            // the shutdown hook tries again
        }
    }

    static String reason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) return "no such file or directory";
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    /** Write errors name the output. */
    private static final class Named extends FilterOutputStream {
        private final String name;

        Named(OutputStream out, String name) {
            super(out);
            this.name = name;
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw named(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw named(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw named(e);
            }
        }

        private IOException named(IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(name + ": ")) return e;
            return new IOException(name + ": cannot write: " + reason(e), e);
        }
    }
}
