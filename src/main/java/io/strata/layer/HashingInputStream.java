package io.strata.layer;

import io.strata.archive.ObservingInputStream;
import io.strata.model.Digest;
import java.io.InputStream;
import java.security.MessageDigest;

/** Hashes (SHA-256) and counts every byte that passes through; skip() reads so nothing escapes the hash. */
final class HashingInputStream extends ObservingInputStream {
    private final MessageDigest digest;
    private long count;

    HashingInputStream(InputStream in) {
        super(in);
        this.digest = newSha256();
    }

    static MessageDigest newSha256() {
        return Digest.newSha256();
    }

    long count() {
        return count;
    }

    byte[] digest() {
        return digest.digest();
    }

    @Override
    protected void observe(byte[] b, int off, int len) {
        digest.update(b, off, len);
        count += len;
    }
}
