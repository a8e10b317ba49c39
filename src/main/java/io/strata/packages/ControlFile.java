package io.strata.packages;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
        return parse(bytes, null);
    }

    /**
     * The paragraphs, keeping only the named fields ({@code null}: all). A dpkg status is mostly long
     * Description texts, and it is read again for every layer that changed it: lines of fields nobody reads are
     * classified (for the stray count) but never copied.
     */
    static Parsed parse(byte[] bytes, Set<String> keep) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        List<Map<String, String>> out = new ArrayList<>();
        Map<String, String> current = new LinkedHashMap<>();
        boolean inField = false;
        String lastField = null;
        int stray = 0;
        int start = 0;
        int n = text.length();
        while (start <= n) {
            int end = text.indexOf('\n', start);
            if (end < 0) end = n;
            int stop = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
            int lineStart = start;
            start = end + 1;
            if (isBlank(text, lineStart, stop)) {
                if (!current.isEmpty()) out.add(current);
                current = new LinkedHashMap<>();
                inField = false;
                lastField = null;
            } else if (text.charAt(lineStart) == ' ' || text.charAt(lineStart) == '\t') {
                if (!inField) stray++;
                else if (lastField != null) current.merge(lastField, "\n" + text.substring(lineStart, stop).strip(), String::concat);
            } else {
                int colon = indexOf(text, ':', lineStart, stop);
                if (colon <= lineStart) {
                    stray++;
                    inField = false;
                    lastField = null;
                    continue;
                }
                inField = true;
                String field = text.substring(lineStart, colon).strip();
                lastField = keep == null || keep.contains(field) ? field : null;
                if (lastField != null) current.put(lastField, text.substring(colon + 1, stop).strip());
            }
            if (end == n) break;
        }
        if (!current.isEmpty()) out.add(current);
        return new Parsed(out, stray);
    }

    /** The first {@code c} in [from, to), or -1: a line never searches past its end. */
    private static int indexOf(String text, char c, int from, int to) {
        for (int i = from; i < to; i++) if (text.charAt(i) == c) return i;
        return -1;
    }

    private static boolean isBlank(String text, int from, int to) {
        for (int i = from; i < to; i++) if (!Character.isWhitespace(text.charAt(i))) return false;
        return true;
    }

    /**
     * The package names of a relationship field ("libc6 (>= 2.34), libfoo | libbar [amd64], perl:any"): every
     * alternative, without versions, architecture lists or qualifiers.
     */
    static List<String> relationNames(String field) {
        List<String> out = new ArrayList<>();
        if (field == null || field.isBlank()) return out;
        int from = 0;
        while (from <= field.length()) {
            int to = from;
            while (to < field.length() && field.charAt(to) != ',' && field.charAt(to) != '|') to++;
            String name = field.substring(from, to).strip();
            from = to + 1;
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
