package io.strata.layer;

import java.util.Optional;

/**
 * Where scans of layers may be kept between runs. A hit must be a complete, checked copy of what the scan of one
 * stored blob gave, with the stored file that blob was read from when it was scanned; the loader serves it only
 * for the same bytes (that file unchanged, or a blob that hashes to the digest the scan recorded). Neither method
 * throws: a cache that cannot be read or written is simply not used.
 */
public interface ScanCache {
    /**
     * A kept scan and, when known, the identity of the stored file it was scanned from (device, inode, size,
     * times and the blob's place in the file: see {@code ImageArchive.identity}).
     */
    record Hit(LayerIndex index, Optional<String> source) {
    }

    /** The scan stored under {@code key}, or empty (absent, unreadable or corrupt: the caller scans). */
    Optional<Hit> find(String key);

    /** Keeps {@code index} under {@code key}, scanned from {@code source} when given; best effort. */
    void store(String key, LayerIndex index, Optional<String> source);

    /** No cache: every layer is scanned from its blob. */
    ScanCache NONE = new ScanCache() {
        @Override
        public Optional<Hit> find(String key) {
            return Optional.empty();
        }

        @Override
        public void store(String key, LayerIndex index, Optional<String> source) {
            // nothing kept
        }
    };
}
