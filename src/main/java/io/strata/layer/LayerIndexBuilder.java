package io.strata.layer;

import io.strata.model.Finding;
import io.strata.model.NameBytes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Growable columns behind a {@link LayerIndex}; used by the scanner and by tests that build indexes directly. */
public final class LayerIndexBuilder {
    private int count;
    private byte[] kinds = new byte[64];
    private int[] modes = new int[64];
    private int[] uids = new int[64];
    private int[] gids = new int[64];
    private long[] sizes = new long[64];
    private long[] mtimes = new long[64];
    // a path is stored as its folder (an id into a table of distinct folders) and its last segment
    private int[] folders = new int[64];
    private byte[] nameArena = new byte[4096];
    private int nameLen;
    private int[] nameEnds = new int[64];
    private final Map<String, Integer> folderIds = new HashMap<>();
    private byte[] folderArena = new byte[1024];
    private int folderLen;
    private int[] folderEnds = new int[16];
    private byte[] linkArena = new byte[256];
    private int linkLen;
    private int[] linkEnds = new int[64];
    private byte[] digests = new byte[64 * 32];
    private final Map<Integer, Map<String, String>> xattrs = new HashMap<>();
    private final Map<Integer, long[]> wideIds = new HashMap<>();
    private final List<Finding> findings = new ArrayList<>();
    private final List<Capture> captures = new ArrayList<>();

    public int count() {
        return count;
    }

    public void finding(Finding f) {
        if (findings.size() < 10_000) findings.add(f);
    }

    /** Keeps what the scan's content tap asked for of one file. */
    public void capture(Capture c) {
        captures.add(c);
    }

    /** Adds an entry; {@code sha256} is 32 bytes for files, null otherwise. Returns its ordinal. */
    public int add(String path, EntryKind kind, int mode, long uid, long gid, long size, long mtime, String link,
                   byte[] sha256, Map<String, String> xattr) {
        if (count == kinds.length) grow();
        int i = count++;
        kinds[i] = (byte) kind.ordinal();
        modes[i] = mode;
        // ids are 32-bit unsigned on Linux; a wider one (a PAX record can say anything) is kept whole beside
        uids[i] = (int) uid;
        gids[i] = (int) gid;
        if (uid >>> 32 != 0 || gid >>> 32 != 0) wideIds.put(i, new long[]{uid, gid});
        sizes[i] = size;
        mtimes[i] = mtime;
        int slash = path.lastIndexOf('/');
        folders[i] = folderId(slash < 0 ? "" : path.substring(0, slash));
        byte[] name = NameBytes.encode(path.substring(slash + 1));
        nameArena = ensure(nameArena, nameLen + name.length);
        System.arraycopy(name, 0, nameArena, nameLen, name.length);
        nameLen += name.length;
        nameEnds[i] = nameLen;
        if (link != null) {
            byte[] l = NameBytes.encode(link);
            linkArena = ensure(linkArena, linkLen + l.length + 1);
            linkArena[linkLen++] = 1;
            System.arraycopy(l, 0, linkArena, linkLen, l.length);
            linkLen += l.length;
        }
        linkEnds[i] = linkLen;
        if (sha256 != null) System.arraycopy(sha256, 0, digests, i * 32, 32);
        if (xattr != null && !xattr.isEmpty()) xattrs.put(i, Map.copyOf(xattr));
        return i;
    }

    private int folderId(String folder) {
        Integer known = folderIds.get(folder);
        if (known != null) return known;
        int id = folderIds.size();
        byte[] f = NameBytes.encode(folder);
        folderArena = ensure(folderArena, folderLen + f.length);
        System.arraycopy(f, 0, folderArena, folderLen, f.length);
        folderLen += f.length;
        if (id == folderEnds.length) folderEnds = Arrays.copyOf(folderEnds, id * 2);
        folderEnds[id] = folderLen;
        folderIds.put(folder, id);
        return id;
    }

    private void grow() {
        int n = kinds.length * 2;
        kinds = Arrays.copyOf(kinds, n);
        modes = Arrays.copyOf(modes, n);
        uids = Arrays.copyOf(uids, n);
        gids = Arrays.copyOf(gids, n);
        sizes = Arrays.copyOf(sizes, n);
        mtimes = Arrays.copyOf(mtimes, n);
        folders = Arrays.copyOf(folders, n);
        nameEnds = Arrays.copyOf(nameEnds, n);
        linkEnds = Arrays.copyOf(linkEnds, n);
        digests = Arrays.copyOf(digests, n * 32);
    }

    private static byte[] ensure(byte[] a, int needed) {
        if (needed <= a.length) return a;
        return Arrays.copyOf(a, Math.max(needed, a.length * 2));
    }

    public LayerIndex build(LayerIndex.Totals totals) {
        int n = count;
        return new LayerIndex(totals, findings, n, Arrays.copyOf(kinds, n), Arrays.copyOf(modes, n),
                Arrays.copyOf(uids, n), Arrays.copyOf(gids, n), Arrays.copyOf(sizes, n), Arrays.copyOf(mtimes, n),
                new LayerIndex.PathColumns(Arrays.copyOf(folders, n), Arrays.copyOf(nameArena, nameLen),
                        Arrays.copyOf(nameEnds, n), Arrays.copyOf(folderArena, folderLen),
                        Arrays.copyOf(folderEnds, folderIds.size())), Arrays.copyOf(linkArena, linkLen),
                Arrays.copyOf(linkEnds, n), Arrays.copyOf(digests, n * 32), xattrs, wideIds, captures);
    }
}
