package io.strata.layer;

import io.strata.model.Compression;
import io.strata.model.Digest;
import io.strata.model.Finding;
import io.strata.model.ImagePath;
import io.strata.model.NameBytes;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything Strata keeps of one scanned layer, in columns of primitives: paths as a folder id plus the last
 * segment (each folder stored once), one arena for link targets, 32 bytes per entry for its SHA-256. No object per entry, so a 200,000-entry layer
 * costs a few dozen bytes per entry. Immutable once built.
 */
public final class LayerIndex {
    /** Figures of the layer as a whole. */
    public record Totals(Digest diffId, Digest blobDigest, Compression compression, long compressedBytes,
                         long tarBytes, long contentBytes, int entries, long symlinkBytes) {

        public Totals(Digest diffId, Digest blobDigest, Compression compression, long compressedBytes,
                      long tarBytes, long contentBytes, int entries) {
            this(diffId, blobDigest, compression, compressedBytes, tarBytes, contentBytes, entries, 0);
        }

        /**
         * What BuildKit's {@code docker history} shows for a layer: its regular files' bytes, without the symlink
         * target lengths the classic builder (and {@link #contentBytes}) counts.
         */
        public long regularFileBytes() {
            return contentBytes - symlinkBytes;
        }

        /** What {@code docker history} shows as the layer's SIZE: see {@link #historyBytes(long, long, boolean)}. */
        public long historyBytes(boolean builtByBuildKit) {
            return historyBytes(contentBytes, symlinkBytes, builtByBuildKit);
        }

        /**
         * What {@code docker history} shows as a layer's SIZE, from a scan's figures: the classic builder counts a
         * symlink as its target's length, BuildKit (history comment {@code buildkit.dockerfile.v0}) leaves symlinks
         * out. The one rule for inspect, history and the fleet.
         */
        public static long historyBytes(long contentBytes, long symlinkBytes, boolean builtByBuildKit) {
            return builtByBuildKit ? contentBytes - symlinkBytes : contentBytes;
        }
    }

    private final Totals totals;
    private final List<Finding> findings;
    private final int count;
    private final byte[] kinds;
    private final int[] modes;
    private final int[] uids;
    private final int[] gids;
    private final long[] sizes;
    private final long[] mtimes;
    private final PathColumns paths;
    private final byte[] linkArena;
    private final int[] linkEnds;
    private final byte[] digests;
    private final Map<Integer, Map<String, String>> xattrs;
    private final List<Capture> captures;
    /** uid and gid of the few entries whose ids do not fit 32 bits unsigned */
    private final Map<Integer, long[]> wideIds;

    LayerIndex(Totals totals, List<Finding> findings, int count, byte[] kinds, int[] modes, int[] uids, int[] gids,
               long[] sizes, long[] mtimes, PathColumns paths, byte[] linkArena, int[] linkEnds,
               byte[] digests, Map<Integer, Map<String, String>> xattrs, Map<Integer, long[]> wideIds,
               List<Capture> captures) {
        this.totals = totals;
        this.findings = List.copyOf(findings);
        this.count = count;
        this.kinds = kinds;
        this.modes = modes;
        this.uids = uids;
        this.gids = gids;
        this.sizes = sizes;
        this.mtimes = mtimes;
        this.paths = paths;
        this.linkArena = linkArena;
        this.linkEnds = linkEnds;
        this.digests = digests;
        this.xattrs = Map.copyOf(xattrs);
        this.captures = List.copyOf(captures);
        this.wideIds = Map.copyOf(wideIds);
    }

    /** The raw columns, for {@link LayerIndexCodec}; nobody modifies these arrays. */
    record Columns(int count, byte[] kinds, int[] modes, int[] uids, int[] gids, long[] sizes, long[] mtimes,
                   PathColumns paths, byte[] linkArena, int[] linkEnds, byte[] digests,
                   Map<Integer, Map<String, String>> xattrs, Map<Integer, long[]> wideIds) {
    }

    Columns columns() {
        return new Columns(count, kinds, modes, uids, gids, sizes, mtimes, paths, linkArena, linkEnds, digests, xattrs,
                wideIds);
    }

    static LayerIndex of(Totals totals, List<Finding> findings, Columns c, List<Capture> captures) {
        return new LayerIndex(totals, findings, c.count(), c.kinds(), c.modes(), c.uids(), c.gids(), c.sizes(),
                c.mtimes(), c.paths(), c.linkArena(), c.linkEnds(), c.digests(), c.xattrs(), c.wideIds(), captures);
    }

    /**
     * The files the scan's {@link ContentTap} asked for, in tar order: their bytes, or what an inspector found in
     * them, or that the layer writes them without their content being kept.
     */
    public List<Capture> captures() {
        return captures;
    }

    public Totals totals() {
        return totals;
    }

    public List<Finding> findings() {
        return findings;
    }

    /** Number of recorded entries (whiteouts included; rejected entries are findings, not entries). */
    public int size() {
        return count;
    }

    public EntryKind kind(int i) {
        return EntryKind.of(kinds[i]);
    }

    public int mode(int i) {
        return modes[i];
    }

    /** The owner's uid as the archive says it: 32 bits unsigned, or wider when a PAX record says so. */
    public long uid(int i) {
        long[] wide = wideIds.isEmpty() ? null : wideIds.get(i);
        return wide != null ? wide[0] : uids[i] & 0xffffffffL;
    }

    public long gid(int i) {
        long[] wide = wideIds.isEmpty() ? null : wideIds.get(i);
        return wide != null ? wide[1] : gids[i] & 0xffffffffL;
    }

    public long size(int i) {
        return sizes[i];
    }

    public long mtime(int i) {
        return mtimes[i];
    }

    /**
     * Paths in columns: each entry's folder as an id into a table of the layer's distinct folders, and its last
     * segment in one arena. A folder's path is stored once however many entries it holds.
     */
    record PathColumns(int[] folders, byte[] nameArena, int[] nameEnds, byte[] folderArena, int[] folderEnds) {
        String path(int i) {
            int f = folders[i];
            int fStart = f == 0 ? 0 : folderEnds[f - 1];
            int fLen = folderEnds[f] - fStart;
            int nStart = i == 0 ? 0 : nameEnds[i - 1];
            int nLen = nameEnds[i] - nStart;
            if (fLen == 0) return NameBytes.decode(nameArena, nStart, nStart + nLen);
            byte[] joined = new byte[fLen + 1 + nLen];
            System.arraycopy(folderArena, fStart, joined, 0, fLen);
            joined[fLen] = '/';
            System.arraycopy(nameArena, nStart, joined, fLen + 1, nLen);
            return NameBytes.decode(joined);
        }

        long heapBytes() {
            return 4L * (folders.length + nameEnds.length + folderEnds.length) + nameArena.length
                    + folderArena.length + 5L * 16;
        }
    }

    /**
     * The number of distinct folders of the layer's paths (the root is ""). With {@link #folderOf},
     * {@link #folderPath} and the name arena, a path table interns every entry without a string per entry.
     */
    public int folderCount() {
        return paths.folderEnds().length;
    }

    /** The folder of entry i's path: an id below {@link #folderCount()}. */
    public int folderOf(int i) {
        return paths.folders()[i];
    }

    /** A folder's normalised relative path ("" for the root). */
    public String folderPath(int folder) {
        int start = folder == 0 ? 0 : paths.folderEnds()[folder - 1];
        return NameBytes.decode(paths.folderArena(), start, paths.folderEnds()[folder]);
    }

    /**
     * The arena (raw name bytes) of every entry's last path segment: entry i's is {@code [nameStart(i), nameEnd(i))}. The
     * array itself, not a copy, for hot loops; callers only read it.
     */
    public byte[] nameArena() {
        return paths.nameArena();
    }

    public int nameStart(int i) {
        return i == 0 ? 0 : paths.nameEnds()[i - 1];
    }

    public int nameEnd(int i) {
        return paths.nameEnds()[i];
    }

    /** The normalised relative path (no leading slash). */
    public String path(int i) {
        return paths.path(i);
    }

    public Optional<String> linkTarget(int i) {
        int start = i == 0 ? 0 : linkEnds[i - 1];
        int len = linkEnds[i] - start;
        if (len == 0) return Optional.empty();
        // stored with a one-byte marker so an empty symlink target survives
        return Optional.of(NameBytes.decode(linkArena, start + 1, start + len));
    }

    /** Length in bytes of the link target, 0 when there is none; what docker counts for a symlink. */
    public int linkTargetBytes(int i) {
        int start = i == 0 ? 0 : linkEnds[i - 1];
        int len = linkEnds[i] - start;
        return len == 0 ? 0 : len - 1;
    }

    public boolean hasDigest(int i) {
        return kinds[i] == EntryKind.FILE.ordinal();
    }

    public Optional<Digest> sha256(int i) {
        if (!hasDigest(i)) return Optional.empty();
        return Optional.of(new Digest("sha256", HexFormat.of().formatHex(digests, i * 32, i * 32 + 32)));
    }

    /** True when entries i and j (possibly of another layer) have the same content digest. */
    public boolean sameContent(int i, LayerIndex other, int j) {
        return Arrays.equals(digests, i * 32, i * 32 + 32, other.digests, j * 32, j * 32 + 32);
    }

    /** A 64-bit prefix of the content digest, for hashing duplicate groups cheaply. */
    public long digestPrefix(int i) {
        return digestWord(i, 0);
    }

    /** Bytes {@code 8*word} to {@code 8*word+7} (word 0 to 3) of the content digest, big-endian. */
    public long digestWord(int i, int word) {
        long v = 0;
        for (int k = 0; k < 8; k++) v = (v << 8) | (digests[i * 32 + word * 8 + k] & 0xff);
        return v;
    }

    /**
     * The same totals and findings without the entries (its size is 0): what the figures of a set keep of a layer
     * already analysed, so a set of hundreds of images does not hold every entry of every layer.
     */
    public LayerIndex withoutEntries() {
        return new LayerIndex(totals, findings, 0, new byte[0], new int[0], new int[0], new int[0], new long[0],
                new long[0], new PathColumns(new int[0], new byte[0], new int[0], new byte[0], new int[0]),
                new byte[0], new int[0], new byte[0], Map.of(), Map.of(), List.of());
    }

    public Map<String, String> xattrs(int i) {
        return xattrs.getOrDefault(i, Map.of());
    }

    public FileEntry entry(int layer, int i) {
        return new FileEntry(layer, i, new ImagePath(path(i)), kind(i), modes[i], uid(i), gid(i), sizes[i],
                mtimes[i], linkTarget(i), sha256(i), xattrs(i));
    }

    /** Approximate heap held by the columns, for the memory figures in the benchmark. */
    public long approximateHeapBytes() {
        return kinds.length + 4L * (modes.length + uids.length + gids.length + linkEnds.length)
                + 8L * (sizes.length + mtimes.length) + paths.heapBytes() + linkArena.length + digests.length
                + 16L * 16 + capturedBytes();
    }

    private long capturedBytes() {
        long n = 0;
        for (Capture c : captures) n += c.bytes().length + c.path().length() + 48;
        return n;
    }
}
