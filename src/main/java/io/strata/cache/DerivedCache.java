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
import java.util.zip.CRC32C;

/**
 * Values derived from a chain of scanned layers (the package inventory), kept between runs as opaque bytes under
 * {@code <root>/derived/}, beside the layer scans and written, refused and evicted as they are ({@link EntryFolder}).
 * An entry is magic, format version, the key it was stored for, the payload, then the CRC32C of all of that; a
 * read checks each, so a hit is the payload stored for that key. What the payload means, and whether it may be used
 * for the bytes at hand, is the caller's: the key must name what the value was derived from, and a payload the
 * caller's own checks refuse is {@link #reject}ed.
 *
 * <p>Why a CRC32C and not a SHA-256: the checksum only guards against damage (a disk error, a file cut short or
 * overwritten by hand); it is no seal, since whoever can write the 0700 folder can write any checksum, cryptographic
 * or not. What binds a value to the image's bytes is the key and what the caller records in the payload (blob
 * digests, the stored file's identity). CRC32C catches every burst of up to 32 bits and all but 2^-32 of other
 * damage, as RocksDB's and Btrfs's block checksums do, and the JVM computes it with the CPU's CRC instructions from
 * the start, where its SHA-256 runs interpreted or C1-compiled early in a run: for debian-fat's 1.8 MB inventory,
 * about 2 ms against 20 to 60 ms of a warm `packages`.
 */
public final class DerivedCache {
    /** Entries larger than this are neither written nor read (a read holds the whole entry in memory). */
    public static final long MAX_ENTRY_BYTES = 256L << 20;
    static final String ENTRIES = "derived";
    static final String SUFFIX = ".bin";
    /** Bumped whenever the frame below changes; an entry of another version is refused (and rebuilt). 2: CRC32C. */
    static final int FORMAT_VERSION = 2;
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
    public Optional<byte[]> find(String key) {
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
    record Entry(String key, byte[] payload) {
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
        CRC32C crc = new CRC32C();
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
        CRC32C crc = new CRC32C();
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
        return new Entry(key, Arrays.copyOfRange(all, d.position(), body));
    }

    private static LayerIndexCodec.CorruptEntryException corrupt(String why) {
        return new LayerIndexCodec.CorruptEntryException(why);
    }
}
