package io.strata.layer;

import io.strata.archive.ObservingInputStream;
import io.strata.model.Digest;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Hashes (SHA-256) and counts every byte that passes through; skip() reads so nothing escapes the hash. Public so
 * a caller that needs the stored blob's SHA-256 whatever the scan's outcome (verify) can hand the scanner this
 * stream and read the one hash afterwards, instead of hashing the same bytes a second time.
 */
public final class HashingInputStream extends ObservingInputStream {
    private final MessageDigest digest;
    private long count;
    private byte[] finished;

    public HashingInputStream(InputStream in) {
        super(in);
        this.digest = newSha256();
    }

    static MessageDigest newSha256() {
        return Digest.newSha256();
    }

    public long count() {
        return count;
    }

    /** The hash of every byte read so far; once taken, it is kept, and no further byte may pass. */
    byte[] digest() {
        if (finished == null) finished = digest.digest();
        return finished.clone();
    }

    /** The SHA-256 of every byte read; read to the end first ({@link #skip} reads). */
    public Digest sha256() {
        return Digest.sha256(digest());
    }

    @Override
    protected void observe(byte[] b, int off, int len) {
        // a hash taken before the end would be silently wrong: fail loudly instead
        if (finished != null) throw new IllegalStateException("bytes read after the SHA-256 was taken");
        digest.update(b, off, len);
        count += len;
    }
}
