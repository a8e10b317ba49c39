package io.strata.packages;

import io.strata.packages.RpmHeader.RpmException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Properties;

/**
 * The header blobs of an rpm database in each of its three formats: BerkeleyDB hash {@code Packages} (RHEL and
 * CentOS up to 8; its pages are walked here, as go-rpmdb does), NDB {@code Packages.db} (SUSE) and sqlite
 * {@code rpmdb.sqlite} (Fedora 33+, RHEL 9), which SQLite itself reads from a private temporary copy. Offsets,
 * counts and page chains are checked against the file: a damaged or hostile one is refused with the reason.
 */
final class RpmDatabases {
    private RpmDatabases() {
    }

    // ---- BerkeleyDB hash -----------------------------------------------------------------------------------

    private static final int BDB_HASH_MAGIC = 0x00061561;
    private static final int PAGE_HEADER = 26;
    private static final int HASH_UNSORTED = 2;
    private static final int HASH_SORTED = 13;
    private static final int OVERFLOW = 7;
    private static final int HASH_METADATA = 8;
    private static final int H_KEYDATA = 1;
    private static final int H_OFFPAGE = 3;

    static List<byte[]> berkeleyDb(byte[] file) throws RpmException {
        if (file.length < 512) throw new RpmException("not a BerkeleyDB file (" + file.length + " bytes)");
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(12) != BDB_HASH_MAGIC) {
            b.order(ByteOrder.BIG_ENDIAN);
            if (b.getInt(12) != BDB_HASH_MAGIC) throw new RpmException("not a BerkeleyDB hash database (magic)");
        }
        int pageSize = b.getInt(20);
        if (Integer.bitCount(pageSize) != 1 || pageSize < 512 || pageSize > 65536) {
            throw new RpmException("BerkeleyDB page size " + pageSize);
        }
        if (file[24] != 0) throw new RpmException("encrypted BerkeleyDB database");
        if ((file[25] & 0xff) != HASH_METADATA) throw new RpmException("BerkeleyDB metadata page of type " + file[25]);
        long lastPage = b.getInt(32) & 0xffffffffL;
        long pages = lastPage + 1;
        if (pages > file.length / pageSize) {
            throw new RpmException("truncated: " + pages + " pages of " + pageSize + " bytes claimed, the file holds "
                    + file.length / pageSize);
        }
        List<byte[]> out = new ArrayList<>();
        for (int page = 1; page < pages; page++) {
            int base = page * pageSize;
            int type = file[base + 25] & 0xff;
            if (type != HASH_SORTED && type != HASH_UNSORTED) continue;
            int entries = b.getShort(base + 20) & 0xffff;
            if (PAGE_HEADER + 2L * entries > pageSize) throw new RpmException("page " + page + " claims " + entries + " entries");
            for (int k = 1; k < entries; k += 2) {
                int offset = b.getShort(base + PAGE_HEADER + 2 * k) & 0xffff;
                if (offset < PAGE_HEADER || offset >= pageSize) throw new RpmException("page " + page + ": item at " + offset);
                int itemType = file[base + offset] & 0xff;
                if (itemType == H_OFFPAGE) {
                    if (offset + 12 > pageSize) throw new RpmException("page " + page + ": off-page item cut short");
                    long first = b.getInt(base + offset + 4) & 0xffffffffL;
                    long length = b.getInt(base + offset + 8) & 0xffffffffL;
                    out.add(overflowChain(file, b, pageSize, pages, first, length));
                } else if (itemType == H_KEYDATA) {
                    int end = k == 0 ? pageSize : b.getShort(base + PAGE_HEADER + 2 * (k - 1)) & 0xffff;
                    // items grow down from the page's end: an item ends where the one before it starts
                    if (end > pageSize || end <= offset + 1) continue;
                    byte[] value = new byte[end - offset - 1];
                    System.arraycopy(file, base + offset + 1, value, 0, value.length);
                    // rpm keeps small bookkeeping values (the next instance number) inline beside the headers
                    if (value.length >= 16) out.add(value);
                }
            }
        }
        return out;
    }

    /** A value stored on overflow pages: each page visited once, the chain no longer than the file. */
    private static byte[] overflowChain(byte[] file, ByteBuffer b, int pageSize, long pages, long first, long length)
            throws RpmException {
        if (length > file.length) throw new RpmException("an item claims " + length + " bytes, more than the file");
        ByteArrayOutputStream value = new ByteArrayOutputStream((int) Math.min(length, 1 << 20));
        BitSet seen = new BitSet();
        long page = first;
        while (page != 0) {
            if (page >= pages) throw new RpmException("overflow page " + page + " is past the end of the file");
            if (seen.get((int) page)) throw new RpmException("overflow pages loop at page " + page);
            seen.set((int) page);
            int base = (int) page * pageSize;
            if ((file[base + 25] & 0xff) != OVERFLOW) throw new RpmException("page " + page + " is not an overflow page");
            long next = b.getInt(base + 16) & 0xffffffffL;
            int used = next == 0 ? b.getShort(base + 22) & 0xffff : pageSize - PAGE_HEADER;
            if (PAGE_HEADER + used > pageSize) throw new RpmException("overflow page " + page + " claims " + used + " bytes");
            value.write(file, base + PAGE_HEADER, used);
            if (value.size() > length) throw new RpmException("overflow chain longer than its item");
            page = next;
        }
        return value.toByteArray();
    }

    // ---- NDB ---------------------------------------------------------------------------------------------

    private static final int NDB_MAGIC = 'R' | 'p' << 8 | 'm' << 16 | 'P' << 24;
    private static final int SLOT_MAGIC = 'S' | 'l' << 8 | 'o' << 16 | 't' << 24;
    private static final int BLOB_MAGIC = 'B' | 'l' << 8 | 'b' << 16 | 'S' << 24;

    static List<byte[]> ndb(byte[] file) throws RpmException {
        if (file.length < 32) throw new RpmException("not an NDB database (" + file.length + " bytes)");
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != NDB_MAGIC || b.getInt(4) != 0) throw new RpmException("not an NDB database (magic)");
        long slotPages = b.getInt(12) & 0xffffffffL;
        if (slotPages == 0 || slotPages > 2048) throw new RpmException("NDB claims " + slotPages + " slot pages");
        long slots = slotPages * 256 - 2;
        if (32 + slots * 16 > file.length) throw new RpmException("NDB slot pages cut short");
        List<byte[]> out = new ArrayList<>();
        for (int s = 0; s < slots; s++) {
            int at = 32 + 16 * s;
            if (b.getInt(at) != SLOT_MAGIC) throw new RpmException("NDB slot " + s + " has a bad magic");
            int pkg = b.getInt(at + 4);
            if (pkg == 0) continue;
            long block = (b.getInt(at + 8) & 0xffffffffL) * 16;
            long blocks = (b.getInt(at + 12) & 0xffffffffL) * 16;
            if (block + 16 > file.length) throw new RpmException("NDB package " + pkg + " is past the end of the file");
            if (b.getInt((int) block) != BLOB_MAGIC || b.getInt((int) block + 4) != pkg) {
                throw new RpmException("NDB package " + pkg + ": no blob where its slot points");
            }
            long length = b.getInt((int) block + 12) & 0xffffffffL;
            if (block + 16 + length > file.length || 16 + length > blocks) {
                throw new RpmException("NDB package " + pkg + " claims " + length + " bytes");
            }
            byte[] blob = new byte[(int) length];
            System.arraycopy(file, (int) block + 16, blob, 0, blob.length);
            out.add(blob);
        }
        return out;
    }

    // ---- sqlite ------------------------------------------------------------------------------------------

    private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    /**
     * SQLite reads only files: the database goes to a private temporary file (0600, removed afterwards; its size
     * is already bounded by --max-package-db-bytes), opened read-only.
     */
    static List<byte[]> sqlite(byte[] file) throws RpmException {
        if (file.length < 100 || !java.util.Arrays.equals(file, 0, 16, SQLITE_MAGIC, 0, 16)) {
            throw new RpmException("not an SQLite database");
        }
        Path tmp = null;
        try {
            tmp = Files.createTempFile("strata-rpmdb-", ".sqlite",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(tmp, file);
            Properties p = new Properties();
            p.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY
            List<byte[]> out = new ArrayList<>();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp, p);
                 Statement st = c.createStatement()) {
                st.setQueryTimeout(30);
                try (ResultSet rs = st.executeQuery("SELECT blob FROM Packages")) {
                    while (rs.next()) {
                        byte[] blob = rs.getBytes(1);
                        if (blob != null) out.add(blob);
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            String m = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new RpmException("SQLite: " + m.lines().findFirst().orElse(m));
        } catch (IOException | UnsupportedOperationException e) {
            throw new RpmException("cannot write the temporary copy SQLite needs: " + e.getMessage());
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                    Files.deleteIfExists(Path.of(tmp + "-journal"));
                    Files.deleteIfExists(Path.of(tmp + "-wal"));
                    Files.deleteIfExists(Path.of(tmp + "-shm"));
                } catch (IOException ignored) {
                    // a temporary file in the system's temporary folder
                }
            }
        }
    }
}
