package io.strata.extract;

import java.nio.charset.StandardCharsets;

/** PAX extended header records: {@code "<length> <key>=<value>\n"}, the length counting itself. */
final class PaxRecords {
    private PaxRecords() {
    }

    static String record(String key, String value) {
        int body = (" " + key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8).length;
        int length = body + Integer.toString(body).length();
        if (Integer.toString(length).length() != Integer.toString(body).length()) length++;
        return length + " " + key + "=" + value + "\n";
    }
}
