package io.strata.cache;

import io.strata.model.Digest;
import io.strata.layer.LayerIndex;
import io.strata.layer.LayerIndexCodec;
import io.strata.layer.ScanCache;

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
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scans of layers kept on disk between runs, one file per key under {@code <root>/layers/}. An entry is written
 * to a temporary file in the same folder and renamed into place, so a reader (in this or another process) sees a
 * whole entry or none. Reading checks magic, version, key, every column and a SHA-256 of the whole; an entry that
 * fails is deleted and the caller scans the layer again. A hit sets the entry's modification time, which is what
 * eviction goes by. Writing that fails (read-only folder, full disk) turns writing off for the run, silently:
 * the cache only ever saves time, it never fails a command.
 */
public final class LayerCache implements ScanCache {
    /** Entries larger than this are neither written nor read. */
    public static final long MAX_ENTRY_BYTES = 1L << 30;
    static final String ENTRIES = "layers";
    static final String SUFFIX = ".idx";
    static final String TEMP_PREFIX = ".tmp-";
    private static final String CACHEDIR_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n"
            + "# This file marks the Strata layer cache (https://bford.info/cachedir/); backups may skip it.\n";

    private final Path root;
    private final Path entries;
    private final AtomicBoolean writable = new AtomicBoolean(true);
    private final AtomicInteger written = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();
    private volatile String writeProblem;

    public LayerCache(Path root) {
        this.root = root;
        this.entries = root.resolve(ENTRIES);
    }

    /** The cache in the user's cache folder, or empty when there is no such folder. */
    public static Optional<LayerCache> openDefault() {
        return CacheLocation.resolve().map(LayerCache::new);
    }

    public Path root() {
        return root;
    }

    Path entries() {
        return entries;
    }

    /** How many entries this run wrote. */
    public int written() {
        return written.get();
    }

    /** How many entries this run found damaged (and deleted). */
    public int rejected() {
        return rejected.get();
    }

    /** Why writing was turned off in this run, if it was. */
    public Optional<String> writeProblem() {
        return Optional.ofNullable(writeProblem);
    }

    /** The entry file for a key: its SHA-256, so any key makes a safe file name. */
    static String fileName(String key) {
        return Digest.sha256Of(key.getBytes(StandardCharsets.UTF_8)).hex() + SUFFIX;
    }

    /**
     * The key an entry is stored under carries, after this marker, the identity of the stored file its layer was
     * scanned from; the entry's file name is the hash of the key before it.
     */
    private static final String SOURCE_MARKER = "\nsource ";

    /** The lookup key of an entry's stored key (which may carry the source the scan was made from). */
    static String lookupKey(String storedKey) {
        int at = storedKey.indexOf(SOURCE_MARKER);
        return at < 0 ? storedKey : storedKey.substring(0, at);
    }

    @Override
    public Optional<Hit> find(String key) {
        Path file = entries.resolve(fileName(key));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > MAX_ENTRY_BYTES) throw new LayerIndexCodec.CorruptEntryException(size + " bytes");
            LayerIndexCodec.Entry entry = LayerIndexCodec.read(Channels.newInputStream(ch), size);
            if (!lookupKey(entry.key()).equals(key)) throw new LayerIndexCodec.CorruptEntryException("another key");
            Optional<String> source = entry.key().length() == key.length() ? Optional.empty()
                    : Optional.of(entry.key().substring(key.length() + SOURCE_MARKER.length()));
            touch(file);
            return Optional.of(new Hit(entry.index(), source));
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        } catch (LayerIndexCodec.CorruptEntryException | RuntimeException damaged) {
            rejected.incrementAndGet();
            deleteQuietly(file);
            return Optional.empty();
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }

    @Override
    public void store(String key, LayerIndex index, Optional<String> source) {
        if (!writable.get()) return;
        Path temp = null;
        try {
            prepareFolder();
            temp = Files.createTempFile(entries, TEMP_PREFIX, ".part");
            try (OutputStream out = Files.newOutputStream(temp)) {
                LayerIndexCodec.write(out, key + source.map(s -> SOURCE_MARKER + s).orElse(""), index, MAX_ENTRY_BYTES);
            }
            moveIntoPlace(temp, entries.resolve(fileName(key)));
            temp = null;
            written.incrementAndGet();
        } catch (LayerIndexCodec.TooLargeException tooLarge) {
            // this layer is scanned each run; the others are still kept
        } catch (IOException | RuntimeException e) {
            writeProblem = entries + ": " + e;
            writable.set(false);
        } finally {
            if (temp != null) deleteQuietly(temp);
        }
    }

    /**
     * Creates the folders 0700 and their files 0600 whatever the umask: another user who could write here could
     * plant entries (the cache trusts the scans it finds here, bound to the bytes they were made from).
     */
    private void prepareFolder() throws IOException {
        if (Files.isDirectory(entries)) return;
        for (Path dir : List.of(root, entries)) {
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

    private static final FileAttribute<Set<PosixFilePermission>> PRIVATE_FOLDER =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

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

    /** Reads every byte of an entry file whatever its key; for pruning. */
    static LayerIndexCodec.Entry readWhole(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > MAX_ENTRY_BYTES) throw new LayerIndexCodec.CorruptEntryException(size + " bytes");
            InputStream in = Channels.newInputStream(ch);
            return LayerIndexCodec.read(in, size);
        }
    }
}
