package io.strata.layer;

import java.util.Optional;

/**
 * Where scans of layers may be kept between runs. A hit must be a complete, checked copy of what the scan of the
 * same stored blob gave; the loader checks its figures against the archive's claims again before using it.
 * Neither method throws: a cache that cannot be read or written is simply not used.
 */
public interface ScanCache {
    /** The index stored under {@code key}, or empty (absent, unreadable or corrupt: the caller scans). */
    Optional<LayerIndex> find(String key);

    /** Keeps {@code index} under {@code key}, best effort. */
    void store(String key, LayerIndex index);

    /** No cache: every layer is scanned from its blob. */
    ScanCache NONE = new ScanCache() {
        @Override
        public Optional<LayerIndex> find(String key) {
            return Optional.empty();
        }

        @Override
        public void store(String key, LayerIndex index) {
            // nothing kept
        }
    };
}
