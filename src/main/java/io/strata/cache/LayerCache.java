package io.strata.cache;

import io.strata.layer.LayerIndex;
import io.strata.layer.LayerIndexCodec;
import io.strata.layer.ScanCache;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Scans of layers kept on disk between runs, one file per key under {@code <root>/layers/} (see {@link EntryFolder}
 * for how entries are written, refused and evicted). Reading checks magic, version, key, every column and a CRC-32
 * of the whole; an entry that fails is deleted and the caller scans the layer again.
 */
public final class LayerCache implements ScanCache {
    /** Entries larger than this are neither written nor read. */
    public static final long MAX_ENTRY_BYTES = 1L << 30;
    static final String ENTRIES = "layers";
    static final String SUFFIX = ".idx";
    static final String TEMP_PREFIX = EntryFolder.TEMP_PREFIX;

    private final Path root;
    private final EntryFolder entries;

    public LayerCache(Path root) {
        this.root = root;
        this.entries = new EntryFolder(root, ENTRIES, SUFFIX, MAX_ENTRY_BYTES);
    }

    /** The cache in the user's cache folder, or empty when there is no such folder. */
    public static Optional<LayerCache> openDefault() {
        return CacheLocation.resolve().map(LayerCache::new);
    }

    public Path root() {
        return root;
    }

    Path entries() {
        return entries.folder();
    }

    /** How many entries this run wrote. */
    public int written() {
        return entries.written();
    }

    /** How many entries this run found damaged (and deleted). */
    public int rejected() {
        return entries.rejected();
    }

    /** Why writing was turned off in this run, if it was. */
    public Optional<String> writeProblem() {
        return entries.writeProblem();
    }

    /** The entry file for a key: its SHA-256, so any key makes a safe file name. */
    static String fileName(String key) {
        return EntryFolder.fileName(key, SUFFIX);
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
        return entries.find(key, (in, size) -> {
            LayerIndexCodec.Entry entry = LayerIndexCodec.read(in, size);
            if (!lookupKey(entry.key()).equals(key)) throw new LayerIndexCodec.CorruptEntryException("another key");
            Optional<String> source = entry.key().length() == key.length() ? Optional.empty()
                    : Optional.of(entry.key().substring(key.length() + SOURCE_MARKER.length()));
            return new Hit(entry.index(), source);
        });
    }

    @Override
    public void store(String key, LayerIndex index, Optional<String> source) {
        entries.store(key, out -> LayerIndexCodec.write(out,
                key + source.map(s -> SOURCE_MARKER + s).orElse(""), index, MAX_ENTRY_BYTES));
    }

    /** Reads every byte of an entry file whatever its key; for pruning. */
    static LayerIndexCodec.Entry readWhole(Path file) throws IOException {
        return EntryFolder.readWhole(file, MAX_ENTRY_BYTES, LayerIndexCodec::read);
    }
}
