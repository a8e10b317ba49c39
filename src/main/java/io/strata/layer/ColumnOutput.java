package io.strata.layer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * Writes primitives and whole columns big-endian through one buffer, checksumming everything written so the
 * checksum can close the stream; refuses to grow past a cap. Arrays go in bulk, not one value at a time.
 *
 * <p>A CRC-32, not a SHA-256: it only has to catch damage (a disk error, a cut or edited file); whoever can write
 * the 0700 cache folder could rewrite a SHA-256 as easily, and what binds a hit to an archive's bytes is the key
 * and the blob digest and file identity the entry records. Early in a run the JVM's SHA-256 runs without the CPU's
 * SHA instructions (about 45 MB/s C1-compiled): a warm `waste` on debian-fat spent about 0.14 s of CPU checking its
 * 7 MB of layer entries; the CRC-32 uses the CPU's carry-less multiply from the first call.
 */
final class ColumnOutput {
    private final OutputStream out;
    private final ByteBuffer buf = ByteBuffer.allocate(1 << 16);
    private final CRC32 crc = new CRC32();
    private final long maxBytes;
    private long written;

    ColumnOutput(OutputStream out, long maxBytes) {
        this.out = out;
        this.maxBytes = maxBytes;
    }

    void writeByte(int v) throws IOException {
        room(1);
        buf.put((byte) v);
    }

    void writeInt(int v) throws IOException {
        room(4);
        buf.putInt(v);
    }

    void writeLong(long v) throws IOException {
        room(8);
        buf.putLong(v);
    }

    void writeBytes(byte[] a) throws IOException {
        for (int off = 0; off < a.length; ) {
            room(1);
            int k = Math.min(a.length - off, buf.remaining());
            buf.put(a, off, k);
            off += k;
        }
    }

    void writeInts(int[] a) throws IOException {
        for (int off = 0; off < a.length; ) {
            room(4);
            int k = Math.min(a.length - off, buf.remaining() / 4);
            buf.asIntBuffer().put(a, off, k);
            buf.position(buf.position() + 4 * k);
            off += k;
        }
    }

    void writeLongs(long[] a) throws IOException {
        for (int off = 0; off < a.length; ) {
            room(8);
            int k = Math.min(a.length - off, buf.remaining() / 8);
            buf.asLongBuffer().put(a, off, k);
            buf.position(buf.position() + 8 * k);
            off += k;
        }
    }

    /** A string as its UTF-16 chars, so any Java string (unpaired surrogates too) comes back exactly. */
    void writeString(String s) throws IOException {
        writeInt(s.length());
        for (int i = 0; i < s.length(); i++) {
            room(2);
            buf.putChar(s.charAt(i));
        }
    }

    /** Writes what is buffered, then the CRC-32 of everything written before it. */
    void finish() throws IOException {
        drain();
        int sum = (int) crc.getValue();
        out.write(new byte[]{(byte) (sum >>> 24), (byte) (sum >>> 16), (byte) (sum >>> 8), (byte) sum});
    }

    private void room(int bytes) throws IOException {
        if (buf.remaining() < bytes) drain();
    }

    private void drain() throws IOException {
        written += buf.position();
        if (written > maxBytes) throw new LayerIndexCodec.TooLargeException(maxBytes);
        crc.update(buf.array(), 0, buf.position());
        out.write(buf.array(), 0, buf.position());
        buf.clear();
    }
}
