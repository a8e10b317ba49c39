package io.strata.layer;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarUtils;

import java.io.IOException;
import java.io.InputStream;

/**
 * A tar reader with the two checks commons-compress leaves out: it verifies every header's checksum (commons-compress
 * accepts a corrupted header as long as its numbers parse) and it refuses a PAX or GNU long-name record bigger than a
 * limit before reading it (commons-compress buffers such a record whole, so a 1 GB PAX header inflated from a small
 * gzip blob would exhaust the heap).
 */
public final class GuardedTarInputStream extends TarArchiveInputStream {
    /** Metadata records (PAX, GNU long names) above this are refused; real ones are a few KiB. */
    public static final long DEFAULT_MAX_METADATA_BYTES = 1L << 20;

    private static final int RECORD = 512;

    private final InputStream source;
    private final long maxMetadataBytes;
    private final byte[] record = new byte[RECORD];
    private long headers;
    private boolean sparseExtensionNext;
    private boolean ended;
    /** the raw bytes of this entry's local PAX headers, read as commons-compress reads them */
    private final java.io.ByteArrayOutputStream paxBytes = new java.io.ByteArrayOutputStream();
    private byte[] rawPath;
    private byte[] rawLinkPath;
    private int depth;
    /** uid and gid fields of the last header read: commons-compress casts a base-256 id to int */
    private final byte[] ids = new byte[16];
    private boolean paxUid;
    private boolean paxGid;

    public GuardedTarInputStream(InputStream in, String encoding, long maxMetadataBytes) {
        // 512-byte blocks: commons-compress would otherwise swallow the rest of a 10 KiB block after the end
        super(in, RECORD, RECORD, encoding, false);
        this.source = in;
        this.maxMetadataBytes = maxMetadataBytes;
    }

    /** The metadata limit that goes with a path limit: room for a path, a link target and some xattrs. */
    public static long metadataLimitFor(int maxPathBytes) {
        return Math.max(DEFAULT_MAX_METADATA_BYTES, 4L * maxPathBytes);
    }

    /**
     * Finishes an entry read to its end by skipping just its padding. commons-compress would skip the (empty) rest
     * and the padding through an 8 KiB buffer it allocates for each, twice per entry: 4 GB of garbage for a layer
     * of 245,000 small files. Anything else (an entry not read to its end, a sparse file) is left to it.
     */
    @Override
    @SuppressWarnings("deprecation")
    public TarArchiveEntry getNextTarEntry() throws IOException {
        TarArchiveEntry current = getCurrentEntry();
        if (current != null && !current.isSparse() && available() == 0) {
            long size = current.getSize();
            if (!current.isDirectory() && size > 0 && size % RECORD != 0) {
                int padding = (int) (RECORD - size % RECORD);
                if (readFully(source, record, padding) != padding) throw new IOException("Truncated TAR archive");
            }
            setCurrentEntry(null);
        }
        // commons-compress calls this again from inside, after reading a PAX header: collect across that call
        if (depth++ == 0) {
            paxBytes.reset();
            rawPath = null;
            rawLinkPath = null;
            paxUid = false;
            paxGid = false;
        }
        try {
            TarArchiveEntry next = super.getNextTarEntry();
            if (depth == 1 && next != null && paxBytes.size() > 0) parseRawPax(paxBytes.toByteArray());
            return next;
        } finally {
            depth--;
        }
    }

    /**
     * The exact bytes of the current entry's PAX {@code path} (or {@code GNU.sparse.name}) record, or null when it
     * has none. commons-compress decodes PAX values as UTF-8 and replaces invalid bytes, which would merge names.
     */
    public byte[] rawPaxPath() {
        return rawPath;
    }

    /** The current entry's uid, whole: a PAX record, else the header's octal or base-256 field. */
    public long uid(TarArchiveEntry e) {
        return paxUid ? e.getLongUserId() : headerId(0, e.getLongUserId());
    }

    public long gid(TarArchiveEntry e) {
        return paxGid ? e.getLongGroupId() : headerId(8, e.getLongGroupId());
    }

    private long headerId(int at, long parsed) {
        if ((ids[at] & 0x80) == 0) return parsed; // octal: commons-compress reads it right
        long v = (ids[at] & 0x40) != 0 ? -1 : 0; // base-256, two's complement
        v = (v << 6) | (ids[at] & 0x3f);
        for (int k = 1; k < 8; k++) v = (v << 8) | (ids[at + k] & 0xff);
        return v;
    }

    /** The exact bytes of the current entry's PAX {@code linkpath} record, or null. */
    public byte[] rawPaxLinkPath() {
        return rawLinkPath;
    }

    /** Records are "LEN KEY=VALUE\n", LEN counting the whole record; a later record wins, as in commons-compress. */
    private void parseRawPax(byte[] data) {
        byte[] sparseName = null;
        int at = 0;
        while (at < data.length) {
            int space = at;
            long len = 0;
            while (space < data.length && data[space] >= '0' && data[space] <= '9' && len < data.length) {
                len = len * 10 + (data[space++] - '0');
            }
            if (space >= data.length || data[space] != ' ' || len <= 0 || at + len > data.length) return;
            int end = (int) (at + len);
            int eq = space + 1;
            while (eq < end && data[eq] != '=') eq++;
            if (eq >= end || data[end - 1] != '\n') return;
            String key = new String(data, space + 1, eq - space - 1, java.nio.charset.StandardCharsets.US_ASCII);
            byte[] value = java.util.Arrays.copyOfRange(data, eq + 1, end - 1);
            switch (key) {
                case "path" -> rawPath = value;
                case "linkpath" -> rawLinkPath = value;
                case "GNU.sparse.name" -> sparseName = value;
                case "uid" -> paxUid = true;
                case "gid" -> paxGid = true;
                default -> { }
            }
            at = end;
        }
        if (sparseName != null) rawPath = sparseName;
    }

    @Override
    protected byte[] readRecord() throws IOException {
        // after the first zero record comes padding or trailing data, never headers: the reader stops there
        // (a fake second zero record) and leaves every later byte to the caller, who checks it is only zeros
        if (ended) return new byte[RECORD];
        // read here rather than by commons-compress, whose readFully boxes an Integer per read
        if (readFully(source, record, RECORD) != RECORD) return null;
        if (isEOFRecord(record)) {
            ended = true;
            return record;
        }
        if (sparseExtensionNext) {
            // an old GNU sparse header continues in extension records that carry no checksum
            sparseExtensionNext = record[504] != 0;
            return record;
        }
        headers++;
        if (!TarUtils.verifyCheckSum(record)) {
            throw new IOException("corrupt tar header #" + headers + " (checksum mismatch)");
        }
        sparseExtensionNext = record[156] == 'S' && record[482] != 0;
        System.arraycopy(record, 108, ids, 0, 16);
        return record;
    }

    @Override
    public int read(byte[] buf, int offset, int length) throws IOException {
        TarArchiveEntry current = getCurrentEntry();
        if (current != null && isMetadata(current) && current.getSize() > maxMetadataBytes) {
            throw new IOException("tar metadata record (" + kind(current) + ") of " + current.getSize()
                    + " bytes exceeds the limit of " + maxMetadataBytes + " (see --max-path-bytes)");
        }
        int n = super.read(buf, offset, length);
        if (n > 0 && current != null && current.isPaxHeader() && !current.isGlobalPaxHeader()) {
            paxBytes.write(buf, offset, n);
        }
        return n;
    }

    private static int readFully(InputStream in, byte[] into, int length) throws IOException {
        int n = 0;
        while (n < length) {
            int r = in.read(into, n, length - n);
            if (r < 0) break;
            n += r;
        }
        return n;
    }

    private static boolean isMetadata(TarArchiveEntry e) {
        return e.isPaxHeader() || e.isGlobalPaxHeader() || e.isGNULongNameEntry() || e.isGNULongLinkEntry();
    }

    private static String kind(TarArchiveEntry e) {
        if (e.isGNULongNameEntry()) return "GNU long name";
        if (e.isGNULongLinkEntry()) return "GNU long link";
        return e.isGlobalPaxHeader() ? "global PAX header" : "PAX header";
    }
}
