package io.strata.archive;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Walks the headers of an uncompressed tar file by seeking past each entry's data, so indexing a multi-GB
 * docker save costs a few reads per entry instead of a pass over every byte. Understands ustar, PAX
 * (path, linkpath, size) and GNU long names, which is what docker, podman, skopeo and umoci write.
 */
final class OuterTarReader {
    record Header(String name, char type, long size, String linkName, long dataOffset) {
    }

    private static final int BLOCK = 512;
    private static final int MAX_META_BYTES = 1024 * 1024;

    private OuterTarReader() {
    }

    /** True when the first block is a tar header with a valid checksum. */
    static boolean looksLikeTar(byte[] block, int length) {
        if (length < BLOCK) return false;
        return checksumOk(block);
    }

    static void read(FileChannel ch, String label, Consumer<Header> sink) throws IOException, ArchiveException {
        long size = ch.size();
        long pos = 0;
        byte[] block = new byte[BLOCK];
        String longName = null;
        String longLink = null;
        String paxPath = null;
        String paxLink = null;
        Long paxSize = null;
        while (true) {
            if (pos + BLOCK > size) {
                if (pos == size) {
                    throw new ArchiveException(label + ": truncated tar: no end-of-archive marker");
                }
                throw new ArchiveException(label + ": truncated tar: the file ends inside a header at byte " + pos);
            }
            readFully(ch, block, pos);
            if (isZero(block)) return;
            if (!checksumOk(block)) {
                throw new ArchiveException(label + ": corrupt tar header at byte " + pos + " (bad checksum)");
            }
            char type = (char) (block[156] == 0 ? '0' : block[156]);
            long entrySize = parseNumber(block, 124, 12, label, pos);
            if (paxSize != null) entrySize = paxSize;
            long dataOffset = pos + BLOCK;
            long padded = (entrySize + BLOCK - 1) / BLOCK * BLOCK;
            if (entrySize < 0 || dataOffset + entrySize > size) {
                throw new ArchiveException(label + ": truncated tar: entry at byte " + pos + " claims "
                        + entrySize + " bytes but the file has " + Math.max(0, size - dataOffset) + " left");
            }
            switch (type) {
                case 'L', 'K', 'x' -> {
                    if (entrySize > MAX_META_BYTES) {
                        throw new ArchiveException(label + ": tar metadata entry at byte " + pos + " is "
                                + entrySize + " bytes (limit " + MAX_META_BYTES + ")");
                    }
                    byte[] data = new byte[(int) entrySize];
                    readFully(ch, data, dataOffset);
                    if (type == 'L') longName = cString(data, 0, data.length);
                    else if (type == 'K') longLink = cString(data, 0, data.length);
                    else {
                        Pax pax = parsePax(data);
                        if (pax.path != null) paxPath = pax.path;
                        if (pax.linkpath != null) paxLink = pax.linkpath;
                        if (pax.size != null) paxSize = pax.size;
                    }
                    pos = dataOffset + padded;
                    continue;
                }
                case 'g' -> {
                    pos = dataOffset + padded;
                    continue;
                }
                default -> {
                }
            }
            String name = paxPath != null ? paxPath : longName != null ? longName : ustarName(block);
            String link = paxLink != null ? paxLink : longLink != null ? longLink : cString(block, 157, 100);
            sink.accept(new Header(name, type, entrySize, link, dataOffset));
            longName = longLink = paxPath = paxLink = null;
            paxSize = null;
            pos = dataOffset + (type == '0' || type == '7' ? padded : (type == '1' || type == '2' || type == '5' ? 0 : padded));
        }
    }

    private record Pax(String path, String linkpath, Long size) {
    }

    private static Pax parsePax(byte[] data) {
        String path = null;
        String link = null;
        Long size = null;
        int i = 0;
        while (i < data.length) {
            int space = i;
            while (space < data.length && data[space] != ' ') space++;
            if (space >= data.length) break;
            int len;
            try {
                len = Integer.parseInt(new String(data, i, space - i, StandardCharsets.US_ASCII).trim());
            } catch (NumberFormatException e) {
                break;
            }
            if (len <= 0 || i + len > data.length) break;
            String rec = new String(data, space + 1, i + len - space - 2, StandardCharsets.UTF_8);
            int eq = rec.indexOf('=');
            if (eq > 0) {
                String key = rec.substring(0, eq);
                String value = rec.substring(eq + 1);
                switch (key) {
                    case "path" -> path = value;
                    case "linkpath" -> link = value;
                    case "size" -> {
                        try {
                            size = Long.parseLong(value);
                        } catch (NumberFormatException ignored) {
                            // a bad size record leaves the header's size in force
                        }
                    }
                    default -> {
                    }
                }
            }
            i += len;
        }
        return new Pax(path, link, size);
    }

    private static String ustarName(byte[] b) {
        String name = cString(b, 0, 100);
        boolean ustar = b[257] == 'u' && b[258] == 's' && b[259] == 't' && b[260] == 'a' && b[261] == 'r';
        if (ustar) {
            String prefix = cString(b, 345, 155);
            if (!prefix.isEmpty()) return prefix + "/" + name;
        }
        return name;
    }

    static long parseNumber(byte[] b, int off, int len, String label, long pos) throws ArchiveException {
        if ((b[off] & 0x80) != 0) {
            // base-256, used for sizes over 8 GiB
            long v = b[off] & 0x7f;
            for (int i = 1; i < len; i++) {
                if (v > (Long.MAX_VALUE >> 8)) throw new ArchiveException(label + ": absurd size in tar header at byte " + pos);
                v = (v << 8) | (b[off + i] & 0xff);
            }
            return v;
        }
        long v = 0;
        int i = off;
        int end = off + len;
        while (i < end && (b[i] == ' ' || b[i] == 0)) i++;
        for (; i < end; i++) {
            byte c = b[i];
            if (c == 0 || c == ' ') break;
            if (c < '0' || c > '7') throw new ArchiveException(label + ": corrupt number in tar header at byte " + pos);
            v = v * 8 + (c - '0');
        }
        return v;
    }

    static boolean checksumOk(byte[] b) {
        long stored;
        try {
            stored = parseNumber(b, 148, 8, "", 0);
        } catch (ArchiveException e) {
            return false;
        }
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            int v = (i >= 148 && i < 156) ? ' ' : b[i];
            unsigned += v & 0xff;
            signed += (i >= 148 && i < 156) ? ' ' : b[i];
        }
        return stored == unsigned || stored == signed;
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) if (x != 0) return false;
        return true;
    }

    private static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) end++;
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    private static void readFully(FileChannel ch, byte[] dst, long pos) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(dst);
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos + buf.position());
            if (n < 0) throw new EOFException("unexpected end of file");
        }
    }
}
