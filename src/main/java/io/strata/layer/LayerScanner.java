package io.strata.layer;

import io.strata.model.FindingCode;
import io.strata.archive.CountingInputStream;
import io.strata.archive.Decompressor;
import io.strata.archive.ObservingInputStream;
import io.strata.model.Compression;
import io.strata.model.Digest;
import io.strata.model.Finding;
import io.strata.model.ImagePath;
import io.strata.model.NameBytes;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Streams one layer blob once: sniffs its compression from magic bytes, hashes the stored bytes (blob digest)
 * and the tar stream (diffId), parses every tar entry and hashes each regular file's content, all in one pass
 * and without holding the layer in memory. The result is a compact {@link LayerIndex}.
 */
public final class LayerScanner {
    private static final String WHITEOUT_PREFIX = ".wh.";
    private static final String OPAQUE_MARKER = ".wh..wh..opq";

    /**
     * Bounds on one layer: entries, path length, inflation ratio (0 = off); and what to keep of some files' content
     * besides their digests (package databases: see {@link ContentTap}).
     */
    public record Options(long maxEntries, int maxPathBytes, long maxInflateRatio, ContentTap tap) {
        public static final Options DEFAULT = new Options(10_000_000, 64 * 1024, 1000);

        public Options(long maxEntries, int maxPathBytes, long maxInflateRatio) {
            this(maxEntries, maxPathBytes, maxInflateRatio, ContentTap.NONE);
        }

        public Options withTap(ContentTap contentTap) {
            return new Options(maxEntries, maxPathBytes, maxInflateRatio, contentTap);
        }
    }

    private LayerScanner() {
    }

    /**
     * Scans a layer. The stored bytes are hashed too (SHA-256): that real digest is what the layer cache binds an
     * entry to, and what a mismatch with a declared sha256 digest is reported against (verify checks the others). Decompression, the diffId hash and the blob
     * hash run on a second thread, ahead of the tar parser.
     */
    public static LayerIndex scan(InputStream stored, Options options) throws LayerException {
        return scan(new HashingInputStream(stored), options);
    }

    /**
     * Scans a layer whose stored bytes the caller hashes: the scan's blob digest is {@code blob}'s SHA-256, and
     * the caller can still read it (after draining the rest) when the scan fails part way.
     */
    public static LayerIndex scan(HashingInputStream blob, Options options) throws LayerException {
        try {
            BufferedInputStream buffered = new BufferedInputStream(blob, 1 << 16);
            Compression compression = Decompressor.sniff(buffered);
            InputStream decompressed = Decompressor.open(compression, buffered);
            HashingInputStream tarStream = compression == Compression.NONE ? blob : new HashingInputStream(
                    new LayerDecompression.InflationGuard(decompressed, blob::count, options.maxInflateRatio()));
            InputStream tarSource = compression == Compression.NONE ? buffered : tarStream;
            // the blob digest must cover bytes after the compressed stream too; the producer drains them
            PipelinedInputStream.Epilogue drainStored = compression == Compression.NONE ? () -> { }
                    : () -> drainCountingNonZero(buffered);
            try (PipelinedInputStream pipe = PipelinedInputStream.start(tarSource, drainStored)) {
                return scanTar(new CountingInputStream(pipe), tarStream, blob, compression, options);
            }
        } catch (LayerException e) {
            throw e;
        } catch (EOFException e) {
            throw new LayerException("truncated: the layer ends before its tar does");
        } catch (IOException e) {
            throw new LayerException("corrupt: " + message(e), e);
        } catch (RuntimeException e) {
            // commons-compress signals some malformed headers with unchecked exceptions
            throw new LayerException("corrupt tar: " + message(e), e);
        }
    }

    private static String message(Exception e) {
        String m = e.getMessage();
        if (m == null) return e.getClass().getSimpleName();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static LayerIndex scanTar(CountingInputStream source, HashingInputStream tarStream, HashingInputStream blob,
                                      Compression compression, Options options)
            throws IOException, LayerException {
        LayerIndexBuilder out = new LayerIndexBuilder();
        byte[] buf = new byte[1 << 16];
        long contentBytes = 0;
        long dataEnd = 0;
        long sparseExpanded = 0;
        long symlinkBytes = 0;
        boolean sawEntry = false;
        // Not closed: closing would close the blob stream the caller owns before we drain it.
        // ISO-8859-1 keeps every raw name byte; TarNames decodes UTF-8 where the bytes are UTF-8
        // guarded: header checksums verified, oversized PAX/long-name records refused before they are buffered
        GuardedTarInputStream tar = new GuardedTarInputStream(source, "ISO-8859-1",
                GuardedTarInputStream.metadataLimitFor(options.maxPathBytes()));
        MessageDigest fileDigest = HashingInputStream.newSha256();
        ContentTap tap = options.tap();
        boolean tapping = tap != ContentTap.NONE;
        long capturedBytes = 0;
        TarArchiveEntry e;
        while ((e = tar.getNextEntry()) != null) {
            sawEntry = true;
            if (out.count() >= options.maxEntries()) {
                throw new LayerException("more than " + options.maxEntries() + " entries (raise --max-layer-entries)");
            }
            String rawName = TarNames.name(tar, e);
            if (rawName.length() > options.maxPathBytes()) {
                out.finding(Finding.error(FindingCode.PATH_TOO_LONG, "entry name of " + rawName.length()
                        + " characters skipped (limit " + options.maxPathBytes() + ")"));
                dataEnd = skipContent(tar, buf, source);
                continue;
            }
            Optional<ImagePath> normalised = ImagePath.normalise(rawName);
            if (normalised.isEmpty()) {
                out.finding(Finding.error(FindingCode.PATH_ESCAPE, "entry '" + shorten(rawName)
                        + "' climbs out of the root with '..'; ignored").atPath(shorten(rawName)));
                dataEnd = skipContent(tar, buf, source);
                continue;
            }
            ImagePath path = normalised.get();
            if (rawName.startsWith("/")) {
                out.finding(Finding.warning(FindingCode.ABSOLUTE_PATH, "entry name is absolute: " + shorten(rawName))
                        .atPath(path.absolute()));
            }
            String base = path.name();
            int mode = e.getMode() & 07777;
            long uid = tar.uid(e);
            long gid = tar.gid(e);
            if (uid >>> 32 != 0 || gid >>> 32 != 0) {
                // Linux ids are 32 bits: such an owner cannot exist on disk, and a tool that truncates it sees another
                out.finding(Finding.warning("id-over-32-bits", "entry " + shorten(rawName) + " claims owner " + uid
                        + ":" + gid + ", wider than 32 bits (shown as claimed; a runtime would truncate it)")
                        .atPath(path.absolute()));
            }
            long mtime = e.getModTime().getTime() / 1000;
            if (base.startsWith(WHITEOUT_PREFIX)) {
                recordWhiteout(out, e, path, base, mode, uid, gid, mtime);
                dataEnd = skipContent(tar, buf, source);
                continue;
            }
            EntryKind kind = kindOf(e, rawName);
            if (path.isRoot() && kind != EntryKind.DIR) {
                out.finding(Finding.warning(FindingCode.ROOT_NOT_DIR, "a non-directory entry names the root; ignored"));
                dataEnd = skipContent(tar, buf, source);
                continue;
            }
            Map<String, String> xattrs = TarNames.xattrs(e.getExtraPaxHeaders());
            String tapped = tapping && kind != EntryKind.DIR ? path.absolute() : null;
            if (tapped != null && kind != EntryKind.FILE && tap.captures(tapped)) {
                out.capture(new Capture(tapped, Capture.Type.SKIPPED, null));
            }
            if (kind == EntryKind.SYMLINK) {
                String target = TarNames.linkName(tar, e);
                contentBytes += NameBytes.length(target);
                symlinkBytes += NameBytes.length(target);
                out.add(path.relative(), EntryKind.SYMLINK, mode, uid, gid, 0, mtime, target, null, xattrs);
            } else if (kind == EntryKind.HARDLINK) {
                String linkName = TarNames.linkName(tar, e);
                Optional<ImagePath> target = ImagePath.normalise(linkName);
                if (target.isEmpty()) {
                    out.finding(Finding.error(FindingCode.HARDLINK_ESCAPE, "hardlink target '" + shorten(linkName)
                            + "' climbs out of the root; ignored").atPath(path.absolute()));
                } else {
                    out.add(path.relative(), EntryKind.HARDLINK, mode, uid, gid, 0, mtime, target.get().relative(),
                            null, xattrs);
                }
            } else if (kind == EntryKind.FILE) {
                fileDigest.reset();
                // a sparse file reads back expanded (holes as zeros): its real size, as docker and umoci see it
                long expected = e.isSparse() ? e.getRealSize() : e.getSize();
                long read;
                if (e.isSparse()) {
                    // holes are claimed, not stored: bounded, and hashed without reading them (no tap reads them)
                    sparseExpanded += expected;
                    checkSparse(options, sparseExpanded, source.count(), rawName);
                    read = SparseContent.hash(tar, e, fileDigest, buf);
                } else if (tapped != null && tap.captures(tapped)) {
                    Capture kept = capture(tap, tapped, expected, capturedBytes, out);
                    read = kept.type() == Capture.Type.FILE ? readInto(tar, kept.bytes(), fileDigest, buf)
                            : hashAll(tar, fileDigest, buf);
                    if (kept.type() == Capture.Type.FILE) capturedBytes += expected;
                    out.capture(kept);
                } else if (tapped != null && tap.inspects(tapped, expected, mode)) {
                    read = inspect(tap, tapped, expected, mode, tar, fileDigest, buf, out);
                } else {
                    read = hashAll(tar, fileDigest, buf);
                }
                if (read != expected) {
                    throw new LayerException("truncated: entry '" + shorten(rawName) + "' claims " + expected
                            + " bytes but only " + read + " are there");
                }
                contentBytes += read;
                out.add(path.relative(), EntryKind.FILE, mode, uid, gid, read, mtime, null, fileDigest.digest(), xattrs);
                dataEnd = source.count();
                continue;
            } else if (kind != null) {
                out.add(path.relative(), kind, mode, uid, gid, 0, mtime, null, null, xattrs);
            } else {
                out.finding(Finding.warning(FindingCode.UNKNOWN_ENTRY_TYPE, "entry '" + shorten(rawName) + "' has tar type '"
                        + printable(e.getLinkFlag()) + "'; ignored").atPath(path.absolute()));
            }
            dataEnd = skipContent(tar, buf, source);
        }
        long nonZeroTrailing = drainCountingNonZero(source);
        long tarBytes = source.count();
        long paddedEnd = (dataEnd + 511) / 512 * 512;
        if (!sawEntry && tarBytes == 0) {
            throw new LayerException("empty blob: not a tar stream");
        }
        if (tarBytes < paddedEnd + 512) {
            throw new LayerException("truncated: the tar stream ends without an end-of-archive marker");
        }
        if (nonZeroTrailing > 0) {
            out.finding(Finding.warning(FindingCode.TRAILING_DATA, nonZeroTrailing
                    + " non-zero bytes after the end-of-archive marker (an eStargz table of contents, or garbage)"));
        }
        Digest diffId = Digest.sha256(tarStream.digest());
        Digest blobDigest = compression == Compression.NONE ? diffId
                : Digest.sha256(blob.digest());
        return out.build(new LayerIndex.Totals(diffId, blobDigest, compression, blob.count(), tarBytes,
                contentBytes, out.count(), symlinkBytes));
    }

    private static long hashAll(InputStream content, MessageDigest digest, byte[] buf) throws IOException {
        long read = 0;
        int r;
        while ((r = content.read(buf, 0, buf.length)) > 0) {
            digest.update(buf, 0, r);
            read += r;
        }
        return read;
    }

    /** A file to capture: its bytes when within the limits (the buffer is filled by {@link #readInto}), else skipped. */
    private static Capture capture(ContentTap tap, String path, long expected, long capturedBytes,
                                   LayerIndexBuilder out) {
        if (expected > tap.maxFileBytes() || expected > Integer.MAX_VALUE - 16) {
            out.finding(Finding.warning("capture-too-large", path + " is " + expected + " bytes, over the limit of "
                    + tap.maxFileBytes() + " per package database file (--max-package-db-bytes); not read")
                    .atPath(path));
            return new Capture(path, Capture.Type.SKIPPED, null);
        }
        if (capturedBytes + expected > tap.maxLayerBytes()) {
            out.finding(Finding.warning("capture-too-large", path + " (" + expected + " bytes) passes the limit of "
                    + tap.maxLayerBytes() + " package database bytes per layer (--max-package-db-total); not read")
                    .atPath(path));
            return new Capture(path, Capture.Type.SKIPPED, null);
        }
        return new Capture(path, Capture.Type.FILE, new byte[(int) expected]);
    }

    /** Reads a file into its capture buffer while hashing it; bytes past the buffer (none in a sound tar) are hashed only. */
    private static long readInto(InputStream content, byte[] into, MessageDigest digest, byte[] buf) throws IOException {
        int filled = 0;
        int r;
        while (filled < into.length && (r = content.read(into, filled, into.length - filled)) > 0) {
            digest.update(into, filled, r);
            filled += r;
        }
        return filled + hashAll(content, digest, buf);
    }

    /**
     * Streams a file through the tap's inspector: what it reads is hashed as it passes (a tee of the one read), the
     * rest after it returns. A failure of the layer's own stream (truncation) stays the scan's failure; anything
     * the inspector throws on bad content is a finding naming the file.
     */
    private static long inspect(ContentTap tap, String path, long size, int mode, InputStream content, MessageDigest digest, byte[] buf,
                                LayerIndexBuilder out) throws IOException {
        Tee tee = new Tee(content, digest);
        List<Finding> found = new ArrayList<>();
        byte[] record = null;
        try {
            record = tap.inspect(path, size, mode, tee, found);
        } catch (IOException | RuntimeException | StackOverflowError ex) {
            if (tee.failure != null) throw tee.failure;
            found.add(Finding.warning("artifact-unreadable", path + ": " + message(
                    ex instanceof Exception x ? x : new RuntimeException("nested too deep"))).atPath(path));
        }
        if (tee.failure != null) throw tee.failure;
        for (Finding f : found) out.finding(f);
        long read = tee.count + hashAll(content, digest, buf);
        if (record != null) out.capture(new Capture(path, Capture.Type.INSPECTED, record));
        return read;
    }

    /** The entry's content as an inspector sees it: hashed as read, never closed, its own failures remembered. */
    private static final class Tee extends ObservingInputStream {
        private final MessageDigest digest;
        long count;
        IOException failure;

        Tee(InputStream in, MessageDigest digest) {
            super(in);
            this.digest = digest;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException ex) {
                failure = ex;
                throw ex;
            }
        }

        @Override
        protected void observe(byte[] b, int off, int len) {
            digest.update(b, off, len);
            count += len;
        }

        @Override
        public void close() {
            // the scanner owns the layer's stream
        }
    }

    /** Sparse files may claim this much in all before the ratio to the layer's tar bytes applies. */
    static final long SPARSE_GUARD_FLOOR = 64L << 20;

    /**
     * A sparse entry claims its expanded size in a header: 2 GiB of holes cost a few bytes of tar but seconds of
     * hashing. Like the inflation guard, the expanded size of a layer's sparse files is bounded by a ratio to the
     * tar bytes that carry them.
     */
    private static void checkSparse(Options options, long expanded, long tarSoFar, String name) throws LayerException {
        long ratio = options.maxInflateRatio();
        if (ratio > 0 && expanded > SPARSE_GUARD_FLOOR && expanded / ratio > Math.max(tarSoFar, 512)) {
            throw new LayerException("sparse bomb: sparse files up to '" + shorten(name) + "' expand to " + expanded
                    + " bytes from " + tarSoFar + " bytes of tar (ratio over " + ratio + ", see --max-inflate-ratio)");
        }
    }

    /**
     * The entry kind from the tar type flag, never from isFile() (which calls anything unknown a file).
     * Null for a type Strata does not know (volume labels, multi-volume continuations, ...).
     */
    static EntryKind kindOf(TarArchiveEntry e, String rawName) {
        if (e.isSparse()) return EntryKind.FILE;
        return switch (e.getLinkFlag()) {
            // an old (pre-POSIX) archive marks a directory with a NUL type and a trailing slash
            case 0 -> rawName.endsWith("/") ? EntryKind.DIR : EntryKind.FILE;
            case '0', '7' -> EntryKind.FILE;
            case '1' -> EntryKind.HARDLINK;
            case '2' -> EntryKind.SYMLINK;
            case '3' -> EntryKind.CHAR;
            case '4' -> EntryKind.BLOCK;
            case '5', 'D' -> EntryKind.DIR;
            case '6' -> EntryKind.FIFO;
            default -> null;
        };
    }

    private static String printable(byte flag) {
        return flag >= 0x20 && flag < 0x7f ? String.valueOf((char) flag) : String.format("\\x%02x", flag & 0xff);
    }

    private static long skipContent(TarArchiveInputStream tar, byte[] buf, CountingInputStream consumed)
            throws IOException {
        while (tar.read(buf, 0, buf.length) > 0) {
            // content of skipped entries still flows through the diffId hash
        }
        return consumed.count();
    }

    /** Reads the rest of a stream and returns how many of its bytes were not zero. */
    private static long drainCountingNonZero(InputStream in) throws IOException {
        byte[] buf = new byte[65536];
        long nonZero = 0;
        int r;
        while ((r = in.read(buf, 0, buf.length)) > 0) {
            for (int i = 0; i < r; i++) if (buf[i] != 0) nonZero++;
        }
        return nonZero;
    }

    private static void recordWhiteout(LayerIndexBuilder out, TarArchiveEntry e, ImagePath path, String base, int mode,
                                       long uid, long gid, long mtime) {
        if (e.getSize() > 0) {
            out.finding(Finding.warning(FindingCode.WHITEOUT_WITH_CONTENT, "whiteout " + path.absolute() + " carries "
                    + e.getSize() + " bytes of content").atPath(path.absolute()));
        }
        if (base.equals(OPAQUE_MARKER)) {
            out.add(path.parent().relative(), EntryKind.OPAQUE, mode, uid, gid, 0, mtime, null, null, null);
        } else if (base.equals(WHITEOUT_PREFIX)) {
            out.finding(Finding.error(FindingCode.BARE_WHITEOUT, "bare whiteout '.wh.' is invalid; ignored")
                    .atPath(path.absolute()));
        } else if (base.startsWith(WHITEOUT_PREFIX + WHITEOUT_PREFIX)) {
            out.finding(Finding.info(FindingCode.AUFS_METADATA, "aufs metadata entry " + path.absolute() + " ignored")
                    .atPath(path.absolute()));
        } else {
            ImagePath target = path.parent().child(base.substring(WHITEOUT_PREFIX.length()));
            out.add(target.relative(), EntryKind.WHITEOUT, mode, uid, gid, 0, mtime, null, null, null);
        }
    }

    private static String shorten(String s) {
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }
}
