package io.strata.packages;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Debian control-file syntax (deb822) as dpkg's status, distroless' status.d files and apt's extended_states use
 * it, also apk's "installed" shape aside: paragraphs separated by blank lines, "Field: value" lines, continuation
 * lines starting with a space or tab. Tolerant: a line that is neither is skipped, and counted.
 */
final class ControlFile {
    /** The paragraphs of the text and how many lines fit no field. */
    record Parsed(List<Map<String, String>> paragraphs, int strayLines) {
    }

    private ControlFile() {
    }

    static Parsed parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        List<Map<String, String>> out = new ArrayList<>();
        Map<String, String> current = new LinkedHashMap<>();
        String lastField = null;
        int stray = 0;
        int start = 0;
        int n = text.length();
        while (start <= n) {
            int end = text.indexOf('\n', start);
            if (end < 0) end = n;
            String line = text.substring(start, end > start && text.charAt(end - 1) == '\r' ? end - 1 : end);
            start = end + 1;
            if (line.isBlank()) {
                if (!current.isEmpty()) out.add(current);
                current = new LinkedHashMap<>();
                lastField = null;
            } else if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                if (lastField != null) current.merge(lastField, "\n" + line.strip(), String::concat);
                else stray++;
            } else {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    stray++;
                    lastField = null;
                    continue;
                }
                lastField = line.substring(0, colon).strip();
                current.put(lastField, line.substring(colon + 1).strip());
            }
            if (end == n) break;
        }
        if (!current.isEmpty()) out.add(current);
        return new Parsed(out, stray);
    }

    /**
     * The package names of a relationship field ("libc6 (>= 2.34), libfoo | libbar [amd64], perl:any"): every
     * alternative, without versions, architecture lists or qualifiers.
     */
    static List<String> relationNames(String field) {
        List<String> out = new ArrayList<>();
        if (field == null || field.isBlank()) return out;
        for (String clause : field.split("[,|]")) {
            String name = clause.strip();
            int cut = indexOfAny(name, " (<[");
            if (cut >= 0) name = name.substring(0, cut);
            int colon = name.indexOf(':');
            if (colon >= 0) name = name.substring(0, colon);
            if (!name.isEmpty() && !out.contains(name)) out.add(name);
        }
        return out;
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) if (chars.indexOf(s.charAt(i)) >= 0) return i;
        return -1;
    }

    /** True when the bytes hold a NUL or mostly non-text: not a control file at all. */
    static boolean looksBinary(byte[] bytes) {
        int n = Math.min(bytes.length, 4096);
        for (int i = 0; i < n; i++) if (bytes[i] == 0) return true;
        return false;
    }
}
