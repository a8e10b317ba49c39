package io.strata.archive;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Reads a byte range of a file by position, so several threads can read different blobs of one archive at once. */
final class PositionalInputStream extends InputStream {
    private final FileChannel channel;
    private final String what;
    private long position;
    private final long end;

    PositionalInputStream(FileChannel channel, long offset, long length, String what) {
        this.channel = channel;
        this.position = offset;
        this.end = offset + length;
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (position >= end) return -1;
        int want = (int) Math.min(len, end - position);
        int n = channel.read(ByteBuffer.wrap(b, off, want), position);
        if (n < 0) throw new EOFException(what + " is truncated: the archive ends inside it");
        position += n;
        return n;
    }

    @Override
    public long skip(long n) {
        long s = Math.max(0, Math.min(n, end - position));
        position += s;
        return s;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, end - position);
    }
}
