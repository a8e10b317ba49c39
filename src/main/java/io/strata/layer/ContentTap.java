package io.strata.layer;

import io.strata.model.Finding;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * What a scan keeps of some files besides their digests, decided by a caller above this package (the package
 * databases and artifact inspectors): the whole bytes of the small files it {@link #captures}, and what it finds
 * while a larger file it {@link #inspects} streams past. Both happen in the one pass over the layer; a file too
 * large to capture is a finding naming it, never a buffer that follows what its header claims.
 */
public interface ContentTap {
    /** Whether to keep the whole bytes of this absolute in-image path (when a regular file within the limits). */
    boolean captures(String absolutePath);

    /** Whether to stream this regular file (not captured) through {@link #inspect}; {@code mode} is the tar mode. */
    boolean inspects(String absolutePath, long size, int mode);

    /**
     * Reads what it needs of one file's content (what it leaves unread is hashed after it returns, and the stream
     * cannot be closed under the scanner) and returns an opaque record to keep with the layer, or null. Bad
     * content is a finding added to {@code findings}; an exception it throws becomes one too.
     */
    byte[] inspect(String absolutePath, long size, int mode, InputStream content, List<Finding> findings)
            throws IOException;

    /** Largest single file captured. */
    long maxFileBytes();

    /** Most bytes captured in one layer, all files together. */
    long maxLayerBytes();

    /** Names the policy, its limits and its code, so a layer cache entry made under another is never reused. */
    String fingerprint();

    /** Keeps nothing. */
    ContentTap NONE = new ContentTap() {
        @Override
        public boolean captures(String absolutePath) {
            return false;
        }

        @Override
        public boolean inspects(String absolutePath, long size, int mode) {
            return false;
        }

        @Override
        public byte[] inspect(String absolutePath, long size, int mode, InputStream content, List<Finding> findings) {
            return null;
        }

        @Override
        public long maxFileBytes() {
            return 0;
        }

        @Override
        public long maxLayerBytes() {
            return 0;
        }

        @Override
        public String fingerprint() {
            return "none";
        }
    };
}
