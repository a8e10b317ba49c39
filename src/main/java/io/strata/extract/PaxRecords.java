package io.strata.extract;

import io.strata.model.NameBytes;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * PAX extended header records: {@code "<length> <key>=<value>\n"}, the length counting itself. A value is written
 * as the name's own bytes ({@link NameBytes#encode}), so a name that is not UTF-8 keeps its bytes.
 */
final class PaxRecords {
    private PaxRecords() {
    }

    static void record(ByteArrayOutputStream out, String key, String value) {
        byte[] v = NameBytes.encode(value);
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        int body = 1 + k.length + 1 + v.length + 1;
        int length = body + Integer.toString(body).length();
        if (Integer.toString(length).length() != Integer.toString(body).length()) length++;
        out.writeBytes((length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(k);
        out.write('=');
        out.writeBytes(v);
        out.write('\n');
    }
}
