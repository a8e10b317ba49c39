package io.strata.layer;

import io.strata.model.Compression;
import io.strata.model.Digest;
import io.strata.model.Finding;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link LayerIndex} as bytes, for the layer cache: magic, format version, the key the entry was stored under,
 * the totals, the findings, every column, then the CRC-32 of all of that. Reading checks each of them and every
 * invariant of the columns, so an entry is either exactly what was written for that key or refused.
 */
public final class LayerIndexCodec {
    /** Bumped whenever the layout below changes; an entry of another version is refused (and rebuilt). 4: CRC-32. */
    public static final int FORMAT_VERSION = 4;
    static final byte[] MAGIC = "STRATAIX".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_FINDINGS = 1_000_000;
    private static final EntryKind[] KINDS = EntryKind.values();
    private static final Compression[] COMPRESSIONS = Compression.values();
    private static final Finding.Severity[] SEVERITIES = Finding.Severity.values();
    private static final Capture.Type[] CAPTURE_TYPES = Capture.Type.values();
    private static final int MAX_CAPTURES = 10_000_000;

    /** An entry that is not a complete, consistent index for the key asked for. */
    public static final class CorruptEntryException extends IOException {
        public CorruptEntryException(String why) {
            super(why);
        }
    }

    /** An index whose entry would pass the size cap given to {@link #write}. */
    public static final class TooLargeException extends IOException {
        TooLargeException(long maxBytes) {
            super("layer index entry over " + maxBytes + " bytes");
        }
    }

    private LayerIndexCodec() {
    }

    /** Writes the entry; fails with an IOException (and writes no checksum) once it would pass {@code maxBytes}. */
    public static void write(OutputStream out, String key, LayerIndex index, long maxBytes) throws IOException {
        ColumnOutput o = new ColumnOutput(out, maxBytes);
        o.writeBytes(MAGIC);
        o.writeInt(FORMAT_VERSION);
        o.writeString(key);
        writeTotals(o, index.totals());
        writeFindings(o, index.findings());
        LayerIndex.Columns c = index.columns();
        o.writeInt(c.count());
        o.writeBytes(c.kinds());
        o.writeInts(c.modes());
        o.writeInts(c.uids());
        o.writeInts(c.gids());
        o.writeLongs(c.sizes());
        o.writeLongs(c.mtimes());
        LayerIndex.PathColumns p = c.paths();
        o.writeInts(p.folders());
        o.writeInt(p.nameArena().length);
        o.writeBytes(p.nameArena());
        o.writeInts(p.nameEnds());
        o.writeInt(p.folderEnds().length);
        o.writeInt(p.folderArena().length);
        o.writeBytes(p.folderArena());
        o.writeInts(p.folderEnds());
        o.writeInt(c.linkArena().length);
        o.writeBytes(c.linkArena());
        o.writeInts(c.linkEnds());
        o.writeBytes(c.digests());
        writeXattrs(o, c.xattrs());
        writeCaptures(o, index.captures());
        writeWideIds(o, c.wideIds());
        o.finish();
    }

    /**
     * Reads an entry of {@code length} bytes stored for {@code key}. Throws CorruptEntryException for anything
     * that is not exactly a well-formed entry of this version for this key.
     */
    public static LayerIndex read(InputStream in, long length, String key) throws IOException {
        Entry e = read(in, length);
        if (!e.key().equals(key)) throw ColumnInput.corrupt("stored for another key");
        return e.index();
    }

    /** An entry read back whole: the key it was stored under and its index. */
    public record Entry(String key, LayerIndex index) {
    }

    /** Reads and checks a whole entry whatever its key (what `strata cache prune` does to find damaged ones). */
    public static Entry read(InputStream in, long length) throws IOException {
        ColumnInput r = new ColumnInput(in, length);
        if (!Arrays.equals(r.readBytes(MAGIC.length), MAGIC)) throw ColumnInput.corrupt("not a layer index");
        int version = r.readInt();
        if (version != FORMAT_VERSION) throw ColumnInput.corrupt("format version " + version);
        String key = r.readString();
        LayerIndex.Totals totals = readTotals(r);
        List<Finding> findings = readFindings(r);
        int n = r.readCount(1);
        byte[] kinds = r.readBytes(n);
        int[] modes = r.readInts(n);
        int[] uids = r.readInts(n);
        int[] gids = r.readInts(n);
        long[] sizes = r.readLongs(n);
        long[] mtimes = r.readLongs(n);
        int[] folders = r.readInts(n);
        byte[] nameArena = r.readBytes(r.readCount(1));
        int[] nameEnds = r.readInts(n);
        int folderCount = r.readCount(4);
        byte[] folderArena = r.readBytes(r.readCount(1));
        int[] folderEnds = r.readInts(folderCount);
        byte[] linkArena = r.readBytes(r.readCount(1));
        int[] linkEnds = r.readInts(n);
        if (n > Integer.MAX_VALUE / 32) throw ColumnInput.corrupt(n + " entries");
        byte[] digests = r.readBytes(n * 32);
        Map<Integer, Map<String, String>> xattrs = readXattrs(r, n);
        List<Capture> captures = readCaptures(r);
        Map<Integer, long[]> wideIds = readWideIds(r, n);
        r.finish();
        for (byte k : kinds) if (k < 0 || k >= KINDS.length) throw ColumnInput.corrupt("entry kind " + k);
        for (int f : folders) if (f < 0 || f >= folderCount) throw ColumnInput.corrupt("folder id " + f);
        checkEnds(nameEnds, nameArena.length, "names");
        checkEnds(folderEnds, folderArena.length, "folders");
        checkEnds(linkEnds, linkArena.length, "link targets");
        for (int i = 0; i < n; i++) {
            int start = i == 0 ? 0 : linkEnds[i - 1];
            // a link target is stored behind a one-byte marker
            if (linkEnds[i] > start && linkArena[start] != 1) throw ColumnInput.corrupt("link target marker");
        }
        if (totals.entries() != n) throw ColumnInput.corrupt(totals.entries() + " entries claimed, " + n + " stored");
        return new Entry(key, LayerIndex.of(totals, findings, new LayerIndex.Columns(n, kinds, modes, uids, gids,
                sizes, mtimes, new LayerIndex.PathColumns(folders, nameArena, nameEnds, folderArena, folderEnds),
                linkArena, linkEnds, digests, xattrs, wideIds), captures));
    }

    /** Ends of consecutive slices of an arena: never decreasing, within it, the last one at its end. */
    private static void checkEnds(int[] ends, int arenaLength, String what) throws CorruptEntryException {
        int previous = 0;
        for (int end : ends) {
            if (end < previous || end > arenaLength) throw ColumnInput.corrupt(what + ": slice end " + end);
            previous = end;
        }
        if (previous != arenaLength) throw ColumnInput.corrupt(what + ": arena of " + arenaLength + " bytes");
    }

    private static void writeTotals(ColumnOutput o, LayerIndex.Totals t) throws IOException {
        o.writeString(t.diffId().toString());
        o.writeString(t.blobDigest().toString());
        o.writeByte(t.compression().ordinal());
        o.writeLong(t.compressedBytes());
        o.writeLong(t.tarBytes());
        o.writeLong(t.contentBytes());
        o.writeInt(t.entries());
        o.writeLong(t.symlinkBytes());
    }

    private static LayerIndex.Totals readTotals(ColumnInput r) throws IOException {
        Digest diffId = digest(r.readString());
        Digest blob = digest(r.readString());
        int compression = r.readByte();
        if (compression >= COMPRESSIONS.length) throw ColumnInput.corrupt("compression " + compression);
        return new LayerIndex.Totals(diffId, blob, COMPRESSIONS[compression], r.readLong(), r.readLong(),
                r.readLong(), r.readInt(), r.readLong());
    }

    private static Digest digest(String text) throws CorruptEntryException {
        try {
            return Digest.parse(text);
        } catch (IllegalArgumentException e) {
            throw ColumnInput.corrupt("digest: " + e.getMessage());
        }
    }

    private static void writeFindings(ColumnOutput o, List<Finding> findings) throws IOException {
        o.writeInt(findings.size());
        for (Finding f : findings) {
            o.writeByte(f.severity().ordinal());
            o.writeString(f.code());
            o.writeByte(f.layer().isPresent() ? 1 : 0);
            o.writeInt(f.layer().orElse(0));
            o.writeByte(f.path().isPresent() ? 1 : 0);
            o.writeString(f.path().orElse(""));
            o.writeString(f.message());
        }
    }

    private static List<Finding> readFindings(ColumnInput r) throws IOException {
        int n = r.readCount(1);
        if (n > MAX_FINDINGS) throw ColumnInput.corrupt(n + " findings");
        List<Finding> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int severity = r.readByte();
            if (severity >= SEVERITIES.length) throw ColumnInput.corrupt("severity " + severity);
            String code = r.readString();
            boolean hasLayer = presence(r.readByte());
            int layer = r.readInt();
            boolean hasPath = presence(r.readByte());
            String path = r.readString();
            out.add(new Finding(SEVERITIES[severity], code, hasLayer ? Optional.of(layer) : Optional.empty(),
                    hasPath ? Optional.of(path) : Optional.empty(), r.readString()));
        }
        return out;
    }

    private static boolean presence(int flag) throws CorruptEntryException {
        if (flag > 1) throw ColumnInput.corrupt("presence flag " + flag);
        return flag == 1;
    }

    private static void writeCaptures(ColumnOutput o, List<Capture> captures) throws IOException {
        o.writeInt(captures.size());
        for (Capture c : captures) {
            o.writeString(c.path());
            o.writeByte(c.type().ordinal());
            o.writeInt(c.bytes().length);
            o.writeBytes(c.bytes());
        }
    }

    private static List<Capture> readCaptures(ColumnInput r) throws IOException {
        int n = r.readCount(6);
        if (n > MAX_CAPTURES) throw ColumnInput.corrupt(n + " captured files");
        List<Capture> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String path = r.readString();
            int type = r.readByte();
            if (type >= CAPTURE_TYPES.length) throw ColumnInput.corrupt("capture type " + type);
            out.add(new Capture(path, CAPTURE_TYPES[type], r.readBytes(r.readCount(1))));
        }
        return out;
    }

    private static void writeXattrs(ColumnOutput o, Map<Integer, Map<String, String>> xattrs) throws IOException {
        o.writeInt(xattrs.size());
        for (Map.Entry<Integer, Map<String, String>> e : new TreeMap<>(xattrs).entrySet()) {
            o.writeInt(e.getKey());
            o.writeInt(e.getValue().size());
            for (Map.Entry<String, String> a : new TreeMap<>(e.getValue()).entrySet()) {
                o.writeString(a.getKey());
                o.writeString(a.getValue());
            }
        }
    }

    private static void writeWideIds(ColumnOutput o, Map<Integer, long[]> wide) throws IOException {
        o.writeInt(wide.size());
        for (Map.Entry<Integer, long[]> e : new TreeMap<>(wide).entrySet()) {
            o.writeInt(e.getKey());
            o.writeLong(e.getValue()[0]);
            o.writeLong(e.getValue()[1]);
        }
    }

    private static Map<Integer, long[]> readWideIds(ColumnInput r, int entries) throws IOException {
        int n = r.readCount(20);
        Map<Integer, long[]> out = new HashMap<>();
        for (int i = 0; i < n; i++) {
            int ordinal = r.readInt();
            if (ordinal < 0 || ordinal >= entries || out.containsKey(ordinal)) {
                throw ColumnInput.corrupt("wide ids of entry " + ordinal);
            }
            out.put(ordinal, new long[]{r.readLong(), r.readLong()});
        }
        return out;
    }

    private static Map<Integer, Map<String, String>> readXattrs(ColumnInput r, int entries) throws IOException {
        int n = r.readCount(8);
        Map<Integer, Map<String, String>> out = new HashMap<>();
        for (int i = 0; i < n; i++) {
            int ordinal = r.readInt();
            if (ordinal < 0 || ordinal >= entries || out.containsKey(ordinal)) {
                throw ColumnInput.corrupt("xattrs of entry " + ordinal);
            }
            int pairs = r.readCount(8);
            Map<String, String> attrs = new HashMap<>();
            for (int j = 0; j < pairs; j++) {
                String name = r.readString();
                if (attrs.put(name, r.readString()) != null) throw ColumnInput.corrupt("xattr " + name + " twice");
            }
            out.put(ordinal, Map.copyOf(attrs));
        }
        return out;
    }
}
