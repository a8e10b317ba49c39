package io.strata.cache;

import io.strata.layer.LayerIndexCodec;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Values derived from a chain of scanned layers (the package inventory), kept between runs as opaque bytes under
 * {@code <root>/derived/}, beside the layer scans and written, refused and evicted as they are ({@link EntryFolder}).
 * An entry is magic, format version, the key it was stored for, the payload, then the CRC-32 of all of that; a
 * read checks each, so a hit is the payload stored for that key. What the payload means, and whether it may be used
 * for the bytes at hand, is the caller's: the key must name what the value was derived from, and a payload the
 * caller's own checks refuse is {@link #reject}ed.
 *
 * <p>Why a CRC-32 and not a SHA-256: the checksum only guards against damage (a disk error, a file cut short or
 * overwritten by hand); it is no seal, since whoever can write the 0700 folder can write any checksum, cryptographic
 * or not. What binds a value to the image's bytes is the key and what the caller records in the payload (blob
 * digests, the stored file's identity). A CRC-32 catches every burst of up to 32 bits and all but 2^-32 of other
 * damage (gzip and zip check their members with it; RocksDB and Btrfs check blocks with its sibling CRC32C), and
 * the JVM computes it with the CPU's carry-less multiply from the first call, interpreted or compiled, where its
 * SHA-256 runs without the CPU's SHA instructions early in a run: for debian-fat's inventory, well under 1 ms
 * against 20 to 60 ms of a warm `packages`. Not CRC32C: the JDK builds its tables in Java on first use (1 ms more).
 */
public final class DerivedCache {
    /** Entries larger than this are neither written nor read (a read holds the whole entry in memory). */
    public static final long MAX_ENTRY_BYTES = 256L << 20;
    static final String ENTRIES = "derived";
    static final String SUFFIX = ".bin";
    /**
     * Bumped whenever the frame below changes; an entry of another version is refused (and rebuilt). 1 ended in a
     * SHA-256, 2 in a CRC32C, 3 in a CRC-32.
     */
    static final int FORMAT_VERSION = 3;
    private static final byte[] MAGIC = "STRATADV".getBytes(StandardCharsets.US_ASCII);
    private static final int CHECKSUM_BYTES = 4;

    private final EntryFolder entries;

    public DerivedCache(Path root) {
        this.entries = new EntryFolder(root, ENTRIES, SUFFIX, MAX_ENTRY_BYTES);
    }

    /** How many entries this run wrote. */
    public int written() {
        return entries.written();
    }

    /** How many entries this run found damaged or refused (and deleted). */
    public int rejected() {
        return entries.rejected();
    }

    /** The payload kept for {@code key}, or empty (absent, unreadable or damaged: the caller computes the value). */
    public Optional<Payload> find(String key) {
        return entries.find(key, (in, size) -> {
            Entry e = read(in, size);
            if (!e.key().equals(key)) throw new LayerIndexCodec.CorruptEntryException("stored for another key");
            return e.payload();
        });
    }

    /** Keeps {@code payload} under {@code key}; best effort, and nothing over the size cap. */
    public void store(String key, byte[] payload) {
        if (payload.length > MAX_ENTRY_BYTES - 4L * key.length() - 64) return;
        byte[] entry;
        try {
            entry = frame(key, payload);
        } catch (IOException e) {
            return;
        }
        // too large: this value is computed each run; the others are still kept
        if (entry.length <= MAX_ENTRY_BYTES) entries.store(key, out -> out.write(entry));
    }

    /** Deletes the entry of {@code key}: its frame was whole but its payload failed the caller's checks. */
    public void reject(String key) {
        entries.reject(key);
    }

    /** Reads and checks every byte of an entry file whatever its key; for pruning. */
    static Entry readWhole(Path file) throws IOException {
        return EntryFolder.readWhole(file, MAX_ENTRY_BYTES, DerivedCache::read);
    }

    static String fileName(String key) {
        return EntryFolder.fileName(key, SUFFIX);
    }

    /** An entry read back whole: the key it was stored under and its payload. */
    record Entry(String key, Payload payload) {
    }

    /**
     * A payload where it was read: {@code entry} from {@code offset} up to its last {@code length} bytes, not copied
     * out (an inventory is over a megabyte); the array is the caller's alone.
     */
    public record Payload(byte[] entry, int offset, int length) {
        public byte[] toArray() {
            return Arrays.copyOfRange(entry, offset, offset + length);
        }
    }

    private static byte[] frame(String key, byte[] payload) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(payload.length + 256);
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(MAGIC);
        out.writeInt(FORMAT_VERSION);
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        out.writeInt(k.length);
        out.write(k);
        out.writeInt(payload.length);
        out.write(payload);
        out.flush();
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        out.writeInt((int) crc.getValue());
        return bytes.toByteArray();
    }

    /** Reads and checks a whole entry of {@code size} bytes whatever its key (what `strata cache prune` does too). */
    static Entry read(InputStream in, long size) throws IOException {
        if (size < MAGIC.length + 12 + CHECKSUM_BYTES || size > MAX_ENTRY_BYTES) throw corrupt(size + " bytes");
        // one read of the file's own size (not a size it claims), not a chunked read and a copy of the chunks
        byte[] all = new byte[(int) size];
        if (in.readNBytes(all, 0, all.length) != size || in.read() >= 0) throw corrupt("changed while read");
        int body = all.length - CHECKSUM_BYTES;
        CRC32 crc = new CRC32();
        crc.update(all, 0, body);
        ByteBuffer d = ByteBuffer.wrap(all);
        if ((int) crc.getValue() != d.getInt(body)) throw corrupt("checksum");
        d.limit(body);
        if (!Arrays.equals(all, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) throw corrupt("not a derived value");
        d.position(MAGIC.length);
        int version = d.getInt();
        if (version != FORMAT_VERSION) throw corrupt("format version " + version);
        int keyLength = d.getInt();
        if (keyLength < 0 || keyLength > d.remaining() - 4) throw corrupt("key of " + keyLength + " bytes");
        String key = new String(all, d.position(), keyLength, StandardCharsets.UTF_8);
        d.position(d.position() + keyLength);
        int payloadLength = d.getInt();
        if (payloadLength != d.remaining()) throw corrupt("payload of " + payloadLength + " bytes");
        return new Entry(key, new Payload(all, d.position(), payloadLength));
    }

    private static LayerIndexCodec.CorruptEntryException corrupt(String why) {
        return new LayerIndexCodec.CorruptEntryException(why);
    }
}
