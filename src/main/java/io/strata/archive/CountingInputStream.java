package io.strata.archive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/**
 * Counts the bytes read and skipped through it, and tells each step to a listener if one is given (a progress
 * meter). Unlike an {@link ObservingInputStream} it passes skips down, so a positional source still seeks.
 */
public final class CountingInputStream extends FilterInputStream {
    private final LongConsumer listener;
    private long count;

    public CountingInputStream(InputStream in) {
        this(in, null);
    }

    public CountingInputStream(InputStream in, LongConsumer listener) {
        super(in);
        this.listener = listener;
    }

    public long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) counted(1);
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) counted(n);
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long s = in.skip(n);
        if (s > 0) counted(s);
        return s;
    }

    private void counted(long n) {
        count += n;
        if (listener != null) listener.accept(n);
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
