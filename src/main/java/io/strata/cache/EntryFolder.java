package io.strata.cache;

import io.strata.layer.LayerIndexCodec;
import io.strata.model.Digest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One folder of cache entries under the cache root, one file per key (named by the key's SHA-256), and what every
 * kind of entry shares: written to a temporary file in the folder and renamed into place, so a reader (in this or
 * another process) sees a whole entry or none; read under a size cap; deleted when its codec refuses it (the caller
 * then computes the value again); its modification time set on a hit, which is what eviction goes by. Writing that
 * fails (read-only folder, full disk) turns writing off for the run, silently: the cache only ever saves time, it
 * never fails a command.
 */
final class EntryFolder {
    static final String TEMP_PREFIX = ".tmp-";
    private static final String CACHEDIR_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n"
            + "# This file marks the Strata layer cache (https://bford.info/cachedir/); backups may skip it.\n";
    private static final FileAttribute<Set<PosixFilePermission>> PRIVATE_FOLDER =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    /** Reads one entry of {@code size} bytes; a damaged or foreign entry is a CorruptEntryException (or any RuntimeException). */
    @FunctionalInterface
    interface Reader<T> {
        T read(InputStream in, long size) throws IOException;
    }

    /** Writes one entry; a TooLargeException leaves this entry out and keeps writing on. */
    @FunctionalInterface
    interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private final Path root;
    private final Path folder;
    private final String suffix;
    private final long maxEntryBytes;
    private final AtomicBoolean writable = new AtomicBoolean(true);
    private final AtomicInteger written = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();
    private volatile String writeProblem;

    EntryFolder(Path root, String name, String suffix, long maxEntryBytes) {
        this.root = root;
        this.folder = root.resolve(name);
        this.suffix = suffix;
        this.maxEntryBytes = maxEntryBytes;
    }

    Path folder() {
        return folder;
    }

    int written() {
        return written.get();
    }

    int rejected() {
        return rejected.get();
    }

    Optional<String> writeProblem() {
        return Optional.ofNullable(writeProblem);
    }

    /** The entry file for a key: its SHA-256, so any key makes a safe file name. */
    String fileName(String key) {
        return fileName(key, suffix);
    }

    static String fileName(String key, String suffix) {
        return Digest.sha256Of(key.getBytes(StandardCharsets.UTF_8)).hex() + suffix;
    }

    /** The entry kept for {@code key}, read by {@code reader}; empty when absent, unreadable or refused (then deleted). */
    <T> Optional<T> find(String key, Reader<T> reader) {
        Path file = folder.resolve(fileName(key));
        try {
            T value = readWhole(file, maxEntryBytes, reader);
            touch(file);
            return Optional.of(value);
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        } catch (LayerIndexCodec.CorruptEntryException | RuntimeException damaged) {
            reject(key);
            return Optional.empty();
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }

    /** Deletes the entry of {@code key}: damaged, or refused by a check made after reading it. */
    void reject(String key) {
        rejected.incrementAndGet();
        deleteQuietly(folder.resolve(fileName(key)));
    }

    /** Keeps an entry under {@code key}; best effort. */
    void store(String key, Writer writer) {
        if (!writable.get()) return;
        Path temp = null;
        try {
            prepareFolder();
            temp = Files.createTempFile(folder, TEMP_PREFIX, ".part");
            try (OutputStream out = Files.newOutputStream(temp)) {
                writer.write(out);
            }
            moveIntoPlace(temp, folder.resolve(fileName(key)));
            temp = null;
            written.incrementAndGet();
        } catch (LayerIndexCodec.TooLargeException tooLarge) {
            // this value is computed each run; the others are still kept
        } catch (IOException | RuntimeException e) {
            writeProblem = folder + ": " + e;
            writable.set(false);
        } finally {
            if (temp != null) deleteQuietly(temp);
        }
    }

    /** Reads every byte of an entry file under the size cap, whatever its key: for finding and pruning. */
    static <T> T readWhole(Path file, long maxEntryBytes, Reader<T> reader) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > maxEntryBytes) throw new LayerIndexCodec.CorruptEntryException(size + " bytes");
            return reader.read(Channels.newInputStream(ch), size);
        }
    }

    /**
     * Creates the folders 0700 and their files 0600 whatever the umask: another user who could write here could
     * plant entries (the cache trusts the values it finds here, bound to the bytes they were made from).
     */
    private void prepareFolder() throws IOException {
        if (Files.isDirectory(folder)) return;
        for (Path dir : List.of(root, folder)) {
            if (Files.isDirectory(dir)) continue;
            Files.createDirectories(dir, PRIVATE_FOLDER);
            privately(dir, "rwx------");
        }
        Path tag = root.resolve("CACHEDIR.TAG");
        if (!Files.exists(tag)) {
            Files.writeString(tag, CACHEDIR_TAG);
            privately(tag, "rw-------");
        }
    }

    /** Sets permissions after creation too: creating with them still lets the umask take bits away only. */
    private static void privately(Path p, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException notPosix) {
            // a file system without POSIX permissions
        }
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // a rename within one folder is atomic on every local file system; anything else is not used
            throw new IOException("cannot rename atomically in " + temp.getParent(), e);
        }
    }

    /** Records a use, for least-recently-used eviction; best effort (a read-only cache still serves hits). */
    private static void touch(Path file) {
        try {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
        } catch (IOException | RuntimeException ignored) {
            // eviction may then take this entry a little early
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException | RuntimeException ignored) {
            // a read-only cache keeps its damaged entry; it is refused again next time
        }
    }
}
