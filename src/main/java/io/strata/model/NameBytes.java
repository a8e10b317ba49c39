package io.strata.model;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Names from archives are bytes, and Linux allows any bytes but '/' and NUL in them. Strata keeps them as Java
 * strings in a lossless form, Python's "surrogateescape": valid UTF-8 decodes as UTF-8, and each byte that is not
 * part of valid UTF-8 becomes the lone surrogate U+DC00+byte (U+DC80 to U+DCFF). Two names that differ only in
 * invalid bytes stay two strings, {@link #encode} gives the original bytes back, and {@link #compare} orders names
 * by their bytes, as the kernel and tar do.
 */
public final class NameBytes {
    private static final char ESCAPE_FIRST = '\uDC80';
    private static final char ESCAPE_LAST = '\uDCFF';

    private NameBytes() {
    }

    public static String decode(byte[] b) {
        return decode(b, 0, b.length);
    }

    /** Decodes {@code b[from, to)}: UTF-8 where it is valid, U+DC00+byte for every other byte. */
    public static String decode(byte[] b, int from, int to) {
        int i = from;
        while (i < to && b[i] >= 0) i++;
        if (i == to) return new String(b, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1);
        StringBuilder out = new StringBuilder(to - from);
        for (int k = from; k < i; k++) out.append((char) b[k]);
        while (i < to) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                out.append((char) c);
                i++;
                continue;
            }
            int n = sequenceLength(b, i, to);
            if (n == 0) {
                out.append((char) (0xDC00 + c));
                i++;
            } else {
                out.appendCodePoint(codePoint(b, i, n));
                i += n;
            }
        }
        return out.toString();
    }

    /** The length of the valid UTF-8 sequence starting at {@code i} (2 to 4), or 0 when it is not valid. */
    private static int sequenceLength(byte[] b, int i, int to) {
        int c = b[i] & 0xff;
        int n;
        int min2;
        int max2 = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 2;
            min2 = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 3;
            min2 = c == 0xE0 ? 0xA0 : 0x80;
            if (c == 0xED) max2 = 0x9F; // no encoded surrogates
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 4;
            min2 = c == 0xF0 ? 0x90 : 0x80;
            if (c == 0xF4) max2 = 0x8F;
        } else {
            return 0;
        }
        if (i + n > to) return 0;
        int second = b[i + 1] & 0xff;
        if (second < min2 || second > max2) return 0;
        for (int k = 2; k < n; k++) if ((b[i + k] & 0xC0) != 0x80) return 0;
        return n;
    }

    private static int codePoint(byte[] b, int i, int n) {
        int cp = b[i] & (0xFF >> (n + 1));
        for (int k = 1; k < n; k++) cp = (cp << 6) | (b[i + k] & 0x3F);
        return cp;
    }

    /** The original bytes of a name made by {@link #decode}. */
    public static byte[] encode(String s) {
        int n = s.length();
        int i = 0;
        while (i < n && s.charAt(i) < 0x80) i++;
        if (i == n) return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(n + 16);
        for (int k = 0; k < i; k++) out.write(s.charAt(k));
        while (i < n) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out.write(c);
                i++;
            } else if (isEscape(s, i)) {
                out.write(c - 0xDC00);
                i++;
            } else {
                int cp = s.codePointAt(i);
                i += Character.charCount(cp);
                if (cp < 0x800) {
                    out.write(0xC0 | cp >> 6);
                } else if (cp < 0x10000) {
                    // a lone surrogate that is no escape cannot come from decode; written as its 3-byte form
                    out.write(0xE0 | cp >> 12);
                    out.write(0x80 | (cp >> 6 & 0x3F));
                } else {
                    out.write(0xF0 | cp >> 18);
                    out.write(0x80 | (cp >> 12 & 0x3F));
                    out.write(0x80 | (cp >> 6 & 0x3F));
                }
                out.write(0x80 | (cp & 0x3F));
            }
        }
        return out.toByteArray();
    }

    /** The number of bytes of the name, what {@code lstat} gives for a symlink target. */
    public static int length(String s) {
        int n = s.length();
        int i = 0;
        while (i < n && s.charAt(i) < 0x80) i++;
        return i == n ? n : encode(s).length;
    }

    /** True when char {@code i} stands for an invalid byte: a low surrogate U+DC80..U+DCFF with no high one before it. */
    static boolean isEscape(String s, int i) {
        char c = s.charAt(i);
        return c >= ESCAPE_FIRST && c <= ESCAPE_LAST && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
    }

    /** True when the name's bytes are valid UTF-8: the string is exact Unicode text. */
    public static boolean isUtf8(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return false;
                }
            }
        }
        return true;
    }

    /** The name as Unicode text: each invalid byte becomes U+FFFD. For people; {@link #encode} is the exact form. */
    public static String lossy(String s) {
        if (isUtf8(s)) return s;
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }

    /** Orders names by their bytes (unsigned), as {@code LC_ALL=C sort} does. */
    public static int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) i++;
        if (i == n) return Integer.compare(a.length(), b.length());
        char x = a.charAt(i);
        char y = b.charAt(i);
        // below U+D800 the UTF-16 order of two differing chars is their UTF-8 byte order
        if (x < 0xD800 && y < 0xD800) return Character.compare(x, y);
        if (i > 0 && Character.isHighSurrogate(a.charAt(i - 1))) i--;
        byte[] p = encode(a.substring(i));
        byte[] q = encode(b.substring(i));
        return Arrays.compareUnsigned(p, q);
    }
}
