package io.strata.archive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A filter that shows every byte read through it to {@link #observe} (a hash, a count, a guard), skipped bytes
 * included: {@link #skip} reads them, so nothing escapes. Bulk stays bulk: one call to observe per read, on the
 * caller's own buffer, no copy.
 */
public abstract class ObservingInputStream extends FilterInputStream {
    private static final int SKIP_BUFFER_BYTES = 1 << 16;
    private final byte[] single = new byte[1];
    private byte[] skipBuffer;

    protected ObservingInputStream(InputStream in) {
        super(in);
    }

    /** Sees the bytes of every read that returned some; may throw to stop the stream (a guard). */
    protected abstract void observe(byte[] b, int off, int len) throws IOException;

    /** Through the bulk read, so a subclass that overrides it sees single bytes too. */
    @Override
    public int read() throws IOException {
        int n = read(single, 0, 1);
        return n <= 0 ? -1 : single[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) observe(b, off, n);
        return n;
    }

    /** Reads what it skips, in 64 KiB steps through one buffer kept for the stream's life. */
    @Override
    public long skip(long n) throws IOException {
        if (n <= 0) return 0;
        byte[] buf = skipBuffer;
        if (buf == null) skipBuffer = buf = new byte[SKIP_BUFFER_BYTES];
        long done = 0;
        while (done < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - done));
            if (r <= 0) break;
            done += r;
        }
        return done;
    }

    /** A reset would show the same bytes twice. */
    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void mark(int readLimit) {
    }

    @Override
    public void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }
}
