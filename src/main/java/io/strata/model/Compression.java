package io.strata.model;

import java.util.Locale;

/** How a blob's bytes are compressed, as sniffed from its magic bytes. */
public enum Compression {
    NONE, GZIP, ZSTD, UNKNOWN;

    public String label() {
        return this == NONE ? "none" : name().toLowerCase(Locale.ROOT);
    }

    /** Sniffs gzip (1f 8b) and zstd (28 b5 2f fd) magic; anything else is treated as plain. */
    public static Compression sniff(byte[] head, int length) {
        if (length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) return GZIP;
        if (length >= 4 && (head[0] & 0xff) == 0x28 && (head[1] & 0xff) == 0xb5
                && (head[2] & 0xff) == 0x2f && (head[3] & 0xff) == 0xfd) return ZSTD;
        return NONE;
    }
}
