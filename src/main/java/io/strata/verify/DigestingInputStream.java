package io.strata.verify;

import io.strata.model.Compression;
import io.strata.model.Digest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * Counts and hashes every byte read through it (skips read too, so nothing escapes the digest) and keeps the
 * first bytes for sniffing the compression. {@link #drain()} reads what a consumer left, so the digest always
 * covers the whole blob even when the consumer stopped at an error.
 */
public final class DigestingInputStream extends FilterInputStream {
    private final ContentDigester digester;
    private final byte[] head = new byte[4];
    private int headLength;
    private long count;

    public DigestingInputStream(InputStream in, Set<String> algorithms) {
        super(in);
        this.digester = new ContentDigester(algorithms);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            digester.update(b, off, n);
            if (headLength < head.length) {
                int take = Math.min(head.length - headLength, n);
                System.arraycopy(b, off, head, headLength, take);
                headLength += take;
            }
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buf = new byte[(int) Math.min(Math.max(n, 1), 65536)];
        long done = 0;
        while (done < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - done));
            if (r < 0) break;
            done += r;
        }
        return done;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Reads to the end of the underlying stream. */
    public void drain() throws IOException {
        byte[] buf = new byte[65536];
        while (read(buf, 0, buf.length) >= 0) {
            // every byte goes through the digests
        }
    }

    public long count() {
        return count;
    }

    /** The compression the first bytes show. */
    public Compression sniffed() {
        return Compression.sniff(Arrays.copyOf(head, headLength), headLength);
    }

    /** The digests; call once, after {@link #drain()}. */
    public Map<String, Digest> digests() {
        return digester.finish();
    }
}
