package io.strata.packages;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One rpm header as the three rpmdb formats store it (the same blob in sqlite, BerkeleyDB and NDB): the index
 * count and data length (big-endian), 16-byte index entries (tag, type, offset, count), then the data store.
 * Every offset and count is checked against the blob, so a hostile header is refused, never read past.
 */
final class RpmHeader {
    static final int NAME = 1000;
    static final int VERSION = 1001;
    static final int RELEASE = 1002;
    static final int EPOCH = 1003;
    static final int LICENSE = 1014;
    static final int ARCH = 1022;
    static final int OLDFILENAMES = 1027;
    static final int FILESIZES = 1028;
    static final int FILEMODES = 1030;
    static final int SOURCERPM = 1044;
    static final int PROVIDENAME = 1047;
    static final int REQUIRENAME = 1049;
    static final int DIRINDEXES = 1116;
    static final int BASENAMES = 1117;
    static final int DIRNAMES = 1118;
    static final int LONGFILESIZES = 5008;
    /** weak dependencies: what the package recommends, and what it supplements (installed when that is) */
    static final int RECOMMENDNAME = 5046;
    static final int SUPPLEMENTNAME = 5052;

    private static final int TYPE_INT16 = 3;
    private static final int TYPE_INT32 = 4;
    private static final int TYPE_INT64 = 5;
    private static final int TYPE_STRING = 6;
    private static final int TYPE_STRING_ARRAY = 8;
    private static final int TYPE_I18NSTRING = 9;
    /** rpm's own bounds (hdrchkTags, hdrchkData). */
    private static final int MAX_TAGS = 0xffff;
    private static final int MAX_DATA = 256 << 20;

    private record Entry(int type, int offset, int count) {
    }

    private final byte[] blob;
    private final int dataStart;
    private final int dataLength;
    private final Map<Integer, Entry> entries = new HashMap<>();

    private RpmHeader(byte[] blob, int dataStart, int dataLength) {
        this.blob = blob;
        this.dataStart = dataStart;
        this.dataLength = dataLength;
    }

    /** The header of a blob, or an exception saying why it is not one. */
    static RpmHeader parse(byte[] blob) throws RpmException {
        if (blob.length < 8) throw new RpmException("header of " + blob.length + " bytes");
        ByteBuffer b = ByteBuffer.wrap(blob);
        int il = b.getInt(0);
        int dl = b.getInt(4);
        if (il <= 0 || il > MAX_TAGS || dl < 0 || dl > MAX_DATA) throw new RpmException("header claims " + il + " tags, " + dl + " bytes");
        long need = 8L + 16L * il + dl;
        if (need > blob.length) throw new RpmException("header claims " + need + " bytes, has " + blob.length);
        RpmHeader h = new RpmHeader(blob, 8 + 16 * il, dl);
        for (int i = 0; i < il; i++) {
            int at = 8 + 16 * i;
            int tag = b.getInt(at);
            int type = b.getInt(at + 4);
            int offset = b.getInt(at + 8);
            int count = b.getInt(at + 12);
            if (offset < 0 || offset > dl || count < 0) throw new RpmException("tag " + tag + " points outside the header");
            h.entries.putIfAbsent(tag, new Entry(type, offset, count));
        }
        return h;
    }

    Optional<String> string(int tag) {
        Entry e = entries.get(tag);
        if (e == null || (e.type() != TYPE_STRING && e.type() != TYPE_I18NSTRING && e.type() != TYPE_STRING_ARRAY)) {
            return Optional.empty();
        }
        List<String> s = strings(e, 1);
        return s.isEmpty() ? Optional.empty() : Optional.of(s.get(0));
    }

    List<String> strings(int tag) {
        Entry e = entries.get(tag);
        if (e == null || e.type() != TYPE_STRING_ARRAY) return List.of();
        return strings(e, e.count());
    }

    private List<String> strings(Entry e, int count) {
        List<String> out = new ArrayList<>(Math.min(count, 1 << 16));
        int p = dataStart + e.offset();
        int end = dataStart + dataLength;
        for (int i = 0; i < count && p < end; i++) {
            int z = p;
            while (z < end && blob[z] != 0) z++;
            if (z >= end) break;
            out.add(new String(blob, p, z - p, StandardCharsets.UTF_8));
            p = z + 1;
        }
        return out;
    }

    /** Integer values of an INT16/INT32/INT64 tag (INT16 unsigned, as rpm's file modes are). */
    long[] numbers(int tag) {
        Entry e = entries.get(tag);
        if (e == null) return new long[0];
        int width = switch (e.type()) {
            case TYPE_INT16 -> 2;
            case TYPE_INT32 -> 4;
            case TYPE_INT64 -> 8;
            default -> 0;
        };
        if (width == 0) return new long[0];
        int start = dataStart + e.offset();
        long bytes = (long) e.count() * width;
        if (e.offset() + bytes > dataLength) return new long[0];
        ByteBuffer b = ByteBuffer.wrap(blob);
        long[] out = new long[e.count()];
        for (int i = 0; i < out.length; i++) {
            int at = start + i * width;
            out[i] = switch (width) {
                case 2 -> b.getShort(at) & 0xffff;
                case 4 -> b.getInt(at) & 0xffffffffL;
                default -> b.getLong(at);
            };
        }
        return out;
    }

    Optional<Long> number(int tag) {
        long[] n = numbers(tag);
        return n.length == 0 ? Optional.empty() : Optional.of(n[0]);
    }

    /** Every file path of the package: DIRNAMES[DIRINDEXES[i]] + BASENAMES[i], or OLDFILENAMES of old rpms. */
    List<String> files() {
        List<String> base = strings(BASENAMES);
        if (base.isEmpty()) return strings(OLDFILENAMES);
        List<String> dirs = strings(DIRNAMES);
        long[] index = numbers(DIRINDEXES);
        List<String> out = new ArrayList<>(base.size());
        for (int i = 0; i < base.size() && i < index.length; i++) {
            if (index[i] < 0 || index[i] >= dirs.size()) continue;
            out.add(dirs.get((int) index[i]) + base.get(i));
        }
        return out;
    }

    /** Not an rpm header (or one that lies about itself). */
    static final class RpmException extends Exception {
        RpmException(String message) {
            super(message);
        }
    }
}
