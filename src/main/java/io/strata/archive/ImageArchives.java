package io.strata.archive;

import io.strata.model.Compression;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Opens any saved-image flavour, sniffed from content (never from the file name). */
public final class ImageArchives {

    private ImageArchives() {
    }

    public static ImageArchive open(String pathOrDash) throws ArchiveException {
        return open(pathOrDash, Limits.DEFAULT);
    }

    /**
     * Opens {@code pathOrDash}: a tar (plain, gzip or zstd as a whole), an OCI layout directory, or "-" for
     * standard input. Compressed input and stdin are spooled once to a temporary file, then read by offset.
     */
    public static ImageArchive open(String pathOrDash, Limits limits) throws ArchiveException {
        ImageArchive a = openUnobserved(pathOrDash, limits);
        ReadObserver o = observer;
        if (o != null) {
            o.opened(a.bytes());
            a.onRead(o::read);
        }
        return a;
    }

    /** Told of every archive opened and of every byte then read from its blobs: a progress display. */
    public interface ReadObserver {
        void opened(long bytes);

        void read(long bytes);
    }

    /** null (the usual case, and always in tests run in-process) costs nothing: no stream is wrapped. */
    private static volatile ReadObserver observer;

    /** Set once by the command line when progress is shown. */
    public static void observe(ReadObserver o) {
        observer = o;
    }

    private static ImageArchive openUnobserved(String pathOrDash, Limits limits) throws ArchiveException {
        if ("-".equals(pathOrDash)) {
            Path spool = spool(standardInput(), "<stdin>", limits);
            return openTar(spool, "<stdin>", limits, () -> deleteQuietly(spool), spoolSize(spool), true);
        }
        Path path = Path.of(pathOrDash);
        String label = pathOrDash;
        if (Files.isDirectory(path)) {
            BlobStore store = new DirectoryBlobStore(path, label);
            return ImageResolver.resolve(store, label, true, limits, () -> { }, 0);
        }
        if (!Files.exists(path)) throw new ArchiveException(label + ": no such file or directory");
        if (!Files.isReadable(path)) throw new ArchiveException(label + ": permission denied");
        long size;
        byte[] head = new byte[8];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            size = Files.size(path);
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new ArchiveException(label + ": cannot read: " + e.getMessage());
        }
        if (size == 0) throw new ArchiveException(label + ": the file is empty");
        Compression c = Compression.sniff(head, n);
        if (c != Compression.NONE) {
            Path spool;
            try (InputStream in = Files.newInputStream(path)) {
                spool = spool(in, label, limits);
            } catch (IOException e) {
                throw new ArchiveException(label + ": cannot read: " + e.getMessage());
            }
            return openTar(spool, label, limits, () -> deleteQuietly(spool), size, true);
        }
        return openTar(path, label, limits, () -> { }, size, false);
    }

    /**
     * Whether a file of a folder looks like an image archive worth opening, by its first bytes: gzip or zstd, or a
     * tar header (the ustar magic, or a header whose checksum holds); an OCI layout or docker folder. A README or a
     * facts file is not one. Cheap: one 512-byte read.
     */
    public static boolean looksLikeArchive(Path path) {
        if (Files.isDirectory(path)) {
            return Files.exists(path.resolve("index.json")) || Files.exists(path.resolve("oci-layout"))
                    || Files.exists(path.resolve("manifest.json"));
        }
        byte[] head = new byte[512];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            return true; // unreadable: let opening it say why
        }
        if (Compression.sniff(head, n) != Compression.NONE) return true;
        if (n < 512) return false;
        if (new String(head, 257, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("ustar")) return true;
        long sum = 0;
        for (int k = 0; k < 512; k++) sum += k >= 148 && k < 156 ? ' ' : head[k] & 0xff;
        String stored = new String(head, 148, 8, java.nio.charset.StandardCharsets.US_ASCII).replace("\0", " ").strip();
        try {
            return !stored.isEmpty() && Long.parseLong(stored, 8) == sum;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static ImageArchive openTar(Path tar, String label, Limits limits, Runnable cleanup, long bytes,
                                        boolean spooled) throws ArchiveException {
        try {
            TarBlobStore store = TarBlobStore.index(tar, label, limits, spooled);
            return ImageResolver.resolve(store, label, false, limits, cleanup, bytes);
        } catch (ArchiveException | RuntimeException e) {
            cleanup.run();
            throw e;
        }
    }

    /** Decompresses (if needed) into a temp file; bounded by --max-spool-bytes so a bomb cannot fill the disk. */
    private static Path spool(InputStream raw, String label, Limits limits) throws ArchiveException {
        Path tmp;
        try {
            tmp = Files.createTempFile("strata-spool-", ".tar");
        } catch (IOException e) {
            throw new ArchiveException(label + ": cannot create a temporary file: " + e.getMessage());
        }
        tmp.toFile().deleteOnExit();
        try (InputStream in = decompressing(new BufferedInputStream(raw, 1 << 16));
             OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] buf = new byte[1 << 16];
            long total = 0;
            int r;
            while ((r = in.read(buf)) > 0) {
                total += r;
                if (total > limits.maxSpoolBytes()) {
                    throw new ArchiveException(label + ": decompresses to more than " + limits.maxSpoolBytes()
                            + " bytes (raise --max-spool-bytes)");
                }
                out.write(buf, 0, r);
            }
            if (total == 0) throw new ArchiveException(label + ": the input is empty");
            return tmp;
        } catch (ArchiveException e) {
            deleteQuietly(tmp);
            throw e;
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new ArchiveException(label + ": corrupt or truncated compressed archive: "
                    + (e instanceof java.io.EOFException || e.getMessage() == null ? "it ends before the compressed stream does"
                    : e.getMessage()));
        }
    }

    static InputStream decompressing(BufferedInputStream in) throws IOException {
        return Decompressor.open(Decompressor.sniff(in), in);
    }

    private static long spoolSize(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // deleteOnExit is the fallback
        }
    }

    /**
     * Standard input, or an ArchiveException when the process was started with it closed: the JVM then opens its
     * own files at descriptor 0 (its module image), and reading "standard input" read those, then crashed. The
     * launcher says so in STRATA_STDIN_CLOSED (and reopens 0 on /dev/null); a JVM started directly is caught by
     * where descriptor 0 leads.
     */
    public static InputStream standardInput() throws ArchiveException {
        if (stdinClosed()) {
            throw new ArchiveException("<stdin>: standard input is closed; pipe an archive in or name a file");
        }
        return System.in;
    }

    private static boolean stdinClosed() {
        if ("1".equals(System.getenv("STRATA_STDIN_CLOSED"))) return true;
        try {
            Path fd0 = Files.readSymbolicLink(Path.of("/proc/self/fd/0"));
            return fd0.isAbsolute() && fd0.startsWith(Path.of(System.getProperty("java.home")).toRealPath());
        } catch (IOException | RuntimeException noProc) {
            return false;
        }
    }

    /** For error messages that must not leak a NoSuchFileException's class name. */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) return "no such file";
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
