package io.strata.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes tar headers byte by byte, for what commons-compress will not write: raw non-UTF-8 names, PAX global
 * headers, GNU sparse maps in PAX records, unknown type flags, sizes that lie (base-256, as GNU tar writes them).
 */
public final class RawTar {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public RawTar entry(byte[] name, char type, byte[] content) {
        return entry(name, type, content, content.length, new byte[0]);
    }

    public RawTar entry(String name, char type, byte[] content) {
        return entry(name.getBytes(StandardCharsets.UTF_8), type, content);
    }

    /** One header; {@code size} is what the header claims, {@code content} what follows it. */
    public RawTar entry(byte[] name, char type, byte[] content, long size, byte[] linkName) {
        return entry(name, type, content, size, linkName, type == '5' ? 0755 : 0644);
    }

    /** One header with the given permission bits (setuid and the like included). */
    public RawTar entry(byte[] name, char type, byte[] content, long size, byte[] linkName, int mode) {
        byte[] h = new byte[512];
        System.arraycopy(name, 0, h, 0, Math.min(100, name.length));
        octal(h, 100, 8, mode);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, size);
        octal(h, 136, 12, 1_700_000_000L);
        h[156] = (byte) type;
        System.arraycopy(linkName, 0, h, 157, Math.min(100, linkName.length));
        byte[] magic = "ustar\0".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, h, 257, magic.length);
        h[263] = '0';
        h[264] = '0';
        for (int i = 148; i < 156; i++) h[i] = ' ';
        long sum = 0;
        for (byte b : h) sum += b & 0xff;
        byte[] chk = String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(chk, 0, h, 148, 8);
        out.writeBytes(h);
        out.writeBytes(content);
        int pad = (int) ((512 - content.length % 512) % 512);
        out.writeBytes(new byte[pad]);
        return this;
    }

    /** A PAX extended header: type 'x' for the next entry, 'g' for every following entry. */
    public RawTar pax(char type, Map<String, String> records) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> r : records.entrySet()) {
            String body = " " + r.getKey() + "=" + r.getValue() + "\n";
            int len = body.getBytes(StandardCharsets.UTF_8).length;
            int total = len + Integer.toString(len).length();
            if (Integer.toString(total).length() != Integer.toString(len).length()) total++;
            sb.append(total).append(body);
        }
        return entry(("PaxHeaders/" + type).getBytes(StandardCharsets.US_ASCII), type,
                sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A PAX extended header whose values are raw bytes (a name that is not UTF-8, say): key, value, key, value... */
    public RawTar paxBytes(char type, Object... keysAndValues) {
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            byte[] key = ((String) keysAndValues[i]).getBytes(StandardCharsets.UTF_8);
            Object v = keysAndValues[i + 1];
            byte[] value = v instanceof byte[] b ? b : v.toString().getBytes(StandardCharsets.UTF_8);
            int len = key.length + value.length + 3;
            int total = len + Integer.toString(len).length();
            if (Integer.toString(total).length() != Integer.toString(len).length()) total++;
            records.writeBytes((total + " ").getBytes(StandardCharsets.US_ASCII));
            records.writeBytes(key);
            records.write('=');
            records.writeBytes(value);
            records.write('\n');
        }
        return entry(("PaxHeaders/" + type).getBytes(StandardCharsets.US_ASCII), type, records.toByteArray());
    }

    /** {@code text} with each {@code \\xNN} turned into that byte: names that are not UTF-8, written readably. */
    public static byte[] bytes(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 3 < text.length() && text.charAt(i + 1) == 'x') {
                out.write(Integer.parseInt(text.substring(i + 2, i + 4), 16));
                i += 3;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    public byte[] finish() {
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    /** A tar whose single file entry claims {@code claimed} bytes but carries {@code present} bytes. */
    public static byte[] lyingFile(String name, long claimed, int present) {
        byte[] tar = new RawTar().entry(name, '0', new byte[present]).finish();
        setSize(tar, 0, claimed);
        return tar;
    }

    /** Writes {@code size} into the header at {@code offset} in base-256 and fixes the checksum. */
    public static void setSize(byte[] tar, int offset, long size) {
        tar[offset + 124] = (byte) 0x80;
        for (int i = 0; i < 11; i++) tar[offset + 124 + 11 - i] = (byte) (size >>> (8 * i));
        for (int i = 0; i < 8; i++) tar[offset + 148 + i] = ' ';
        long sum = 0;
        for (int i = 0; i < 512; i++) sum += tar[offset + i] & 0xff;
        byte[] chk = String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(chk, 0, tar, offset + 148, 8);
    }

    private static void octal(byte[] h, int off, int len, long value) {
        byte[] digits = String.format("%0" + (len - 1) + "o", value).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(digits, 0, h, off, len - 1);
        h[off + len - 1] = 0;
    }
}
