package io.strata.hostile;

import io.strata.layer.RawTar;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Tar headers that lie: sizes beyond what octal fields hold, written in base-256 as GNU tar does. */
final class TarBytes {
    private TarBytes() {
    }

    /** A tar whose single file entry claims {@code claimed} bytes but carries {@code present} bytes. */
    static byte[] lyingFile(String name, long claimed, int present) {
        byte[] tar = new RawTar().entry(name, '0', new byte[present]).finish();
        setSize(tar, 0, claimed);
        return tar;
    }

    /** Writes {@code size} into the header at {@code offset} in base-256 and fixes the checksum. */
    static void setSize(byte[] tar, int offset, long size) {
        tar[offset + 124] = (byte) 0x80;
        for (int i = 0; i < 11; i++) tar[offset + 124 + 11 - i] = (byte) (size >>> (8 * i));
        for (int i = 0; i < 8; i++) tar[offset + 148 + i] = ' ';
        long sum = 0;
        for (int i = 0; i < 512; i++) sum += tar[offset + i] & 0xff;
        byte[] chk = String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(chk, 0, tar, offset + 148, 8);
    }

    /** A PAX header record for the next entry. */
    static RawTar pax(RawTar tar, String key, String value) {
        return tar.pax('x', Map.of(key, value));
    }
}
