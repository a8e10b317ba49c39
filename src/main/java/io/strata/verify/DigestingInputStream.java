package io.strata.verify;

import io.strata.archive.ObservingInputStream;
import io.strata.model.Compression;
import io.strata.model.Digest;

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
public final class DigestingInputStream extends ObservingInputStream {
    private final ContentDigester digester;
    private final byte[] head = new byte[4];
    private int headLength;
    private long count;

    public DigestingInputStream(InputStream in, Set<String> algorithms) {
        super(in);
        this.digester = new ContentDigester(algorithms);
    }

    @Override
    protected void observe(byte[] b, int off, int len) {
        digester.update(b, off, len);
        if (headLength < head.length) {
            int take = Math.min(head.length - headLength, len);
            System.arraycopy(b, off, head, headLength, take);
            headLength += take;
        }
        count += len;
    }

    /** Reads to the end of the underlying stream. */
    public void drain() throws IOException {
        skip(Long.MAX_VALUE); // skip reads every byte through the digests
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
