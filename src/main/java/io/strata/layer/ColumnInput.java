package io.strata.layer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * Reads what {@link ColumnOutput} wrote, from a stream of known length whose last 4 bytes are the CRC-32 of the
 * rest. Every count read is checked against the bytes left before anything is allocated, so a hostile or
 * damaged entry cannot make it allocate more than the entry's own size. Any inconsistency is a
 * {@link LayerIndexCodec.CorruptEntryException}.
 */
final class ColumnInput {
    private static final int CHECKSUM_BYTES = 4;
    private final InputStream in;
    private final ByteBuffer buf = ByteBuffer.allocate(1 << 16).flip();
    private final CRC32 crc = new CRC32();
    private long unread;

    ColumnInput(InputStream in, long length) throws IOException {
        if (length < CHECKSUM_BYTES) throw corrupt("truncated (" + length + " bytes)");
        this.in = in;
        this.unread = length - CHECKSUM_BYTES;
    }

    int readByte() throws IOException {
        need(1);
        return buf.get() & 0xff;
    }

    int readInt() throws IOException {
        need(4);
        return buf.getInt();
    }

    long readLong() throws IOException {
        need(8);
        return buf.getLong();
    }

    /** A count of items of {@code itemBytes} each: not negative, and no more than the bytes left could hold. */
    int readCount(int itemBytes) throws IOException {
        int n = readInt();
        if (n < 0 || (long) n * itemBytes > left()) throw corrupt("count " + n + " exceeds the entry");
        return n;
    }

    byte[] readBytes(int n) throws IOException {
        check(n, 1);
        byte[] a = new byte[n];
        for (int off = 0; off < n; ) {
            need(1);
            int k = Math.min(n - off, buf.remaining());
            buf.get(a, off, k);
            off += k;
        }
        return a;
    }

    int[] readInts(int n) throws IOException {
        check(n, 4);
        int[] a = new int[n];
        for (int off = 0; off < n; ) {
            need(4);
            int k = Math.min(n - off, buf.remaining() / 4);
            buf.asIntBuffer().get(a, off, k);
            buf.position(buf.position() + 4 * k);
            off += k;
        }
        return a;
    }

    long[] readLongs(int n) throws IOException {
        check(n, 8);
        long[] a = new long[n];
        for (int off = 0; off < n; ) {
            need(8);
            int k = Math.min(n - off, buf.remaining() / 8);
            buf.asLongBuffer().get(a, off, k);
            buf.position(buf.position() + 8 * k);
            off += k;
        }
        return a;
    }

    String readString() throws IOException {
        int n = readCount(2);
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            need(2);
            c[i] = buf.getChar();
        }
        return new String(c);
    }

    /** Checks that all of the payload was read and that the trailing CRC-32 matches it. */
    void finish() throws IOException {
        if (left() != 0) throw corrupt(left() + " bytes after the index");
        byte[] expected = in.readNBytes(CHECKSUM_BYTES);
        if (expected.length != CHECKSUM_BYTES) throw corrupt("truncated checksum");
        if (ByteBuffer.wrap(expected).getInt() != (int) crc.getValue()) throw corrupt("checksum mismatch");
        if (in.read() >= 0) throw corrupt("longer than its stated length");
    }

    private long left() {
        return buf.remaining() + unread;
    }

    private void check(int n, int itemBytes) throws IOException {
        if (n < 0 || (long) n * itemBytes > left()) throw corrupt(n + " items exceed the entry");
    }

    /** Makes at least {@code bytes} bytes available in the buffer, reading (and hashing) more of the payload. */
    private void need(int bytes) throws IOException {
        if (buf.remaining() >= bytes) return;
        buf.compact();
        while (buf.position() < bytes) {
            int want = (int) Math.min(buf.remaining(), unread);
            if (want == 0) {
                buf.flip();
                throw corrupt("truncated");
            }
            int r = in.read(buf.array(), buf.position(), want);
            if (r < 0) {
                buf.flip();
                throw corrupt("truncated");
            }
            crc.update(buf.array(), buf.position(), r);
            buf.position(buf.position() + r);
            unread -= r;
        }
        buf.flip();
    }

    static LayerIndexCodec.CorruptEntryException corrupt(String why) {
        return new LayerIndexCodec.CorruptEntryException(why);
    }
}
