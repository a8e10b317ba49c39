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

    private final long maxMetadataBytes;
    private long headers;
    private boolean sparseExtensionNext;
    private boolean ended;

    public GuardedTarInputStream(InputStream in, String encoding, long maxMetadataBytes) {
        // 512-byte blocks: commons-compress would otherwise swallow the rest of a 10 KiB block after the end
        super(in, RECORD, RECORD, encoding, false);
        this.maxMetadataBytes = maxMetadataBytes;
    }

    /** The metadata limit that goes with a path limit: room for a path, a link target and some xattrs. */
    public static long metadataLimitFor(int maxPathBytes) {
        return Math.max(DEFAULT_MAX_METADATA_BYTES, 4L * maxPathBytes);
    }

    @Override
    protected byte[] readRecord() throws IOException {
        // after the first zero record comes padding or trailing data, never headers: the reader stops there
        // (a fake second zero record) and leaves every later byte to the caller, who checks it is only zeros
        if (ended) return new byte[RECORD];
        byte[] record = super.readRecord();
        if (record == null) return null;
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
        return record;
    }

    @Override
    public int read(byte[] buf, int offset, int length) throws IOException {
        TarArchiveEntry current = getCurrentEntry();
        if (current != null && isMetadata(current) && current.getSize() > maxMetadataBytes) {
            throw new IOException("tar metadata record (" + kind(current) + ") of " + current.getSize()
                    + " bytes exceeds the limit of " + maxMetadataBytes + " (see --max-path-bytes)");
        }
        return super.read(buf, offset, length);
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
