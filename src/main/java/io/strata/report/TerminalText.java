package io.strata.report;

import java.io.IOException;
import java.io.Writer;

/**
 * Text from an archive (names, created_by, labels, tags, env, messages) must never drive the terminal: an OSC
 * title, a clear-screen, colours, CR or BS in a name would rewrite what the user sees. Like {@code ls -b} and
 * git, control characters are shown escaped: {@code \n}, {@code \t}, {@code \r}, {@code \0}, and {@code \xNN}
 * for the other C0 controls, DEL, the C1 controls (as their two UTF-8 bytes) and every byte of a name that is not
 * valid UTF-8 (held as U+DC80..U+DCFF, see {@code NameBytes}). So {@code \xNN} always means the byte NN.
 */
public final class TerminalText {
    private TerminalText() {
    }

    /** A table cell or a value on a line: every control character escaped, newlines and tabs included. */
    public static String escape(String s) {
        return escape(s, false);
    }

    private static String escape(String s, boolean keepLayout) {
        int n = s.length();
        int i = 0;
        while (i < n && !needsEscape(s, i, keepLayout)) i++;
        if (i == n) return s;
        StringBuilder out = new StringBuilder(n + 8).append(s, 0, i);
        for (; i < n; i++) {
            if (needsEscape(s, i, keepLayout)) {
                appendEscaped(out, s.charAt(i));
            } else {
                out.append(s.charAt(i));
            }
        }
        return out.toString();
    }

    /** Only the invalid bytes of a name as {@code \\xNN}; for JSON, whose writer escapes the controls itself. */
    static String escapeInvalidBytes(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean lone = Character.isSurrogate(c) && needsEscape(s, i, true);
            if (lone) appendEscaped(out, c);
            else out.append(c);
        }
        return out.toString();
    }

    private static boolean needsEscape(String s, int i, boolean keepLayout) {
        char c = s.charAt(i);
        if (c >= 0x20 && c < 0x7F) return false;
        if (c == '\n' || c == '\t') return !keepLayout;
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) return true;
        if (Character.isHighSurrogate(c)) return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        if (Character.isLowSurrogate(c)) return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        return false;
    }

    private static void appendEscaped(StringBuilder out, char c) {
        switch (c) {
            case '\n' -> out.append("\\n");
            case '\t' -> out.append("\\t");
            case '\r' -> out.append("\\r");
            case 0 -> out.append("\\0");
            default -> {
                if (c >= 0xDC80 && c <= 0xDCFF) {
                    hex(out, c - 0xDC00); // an invalid byte of a name
                } else if (c >= 0x80 && c <= 0x9F) {
                    hex(out, 0xC2);
                    hex(out, c);
                } else if (Character.isSurrogate(c)) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    hex(out, c);
                }
            }
        }
    }

    private static void hex(StringBuilder out, int b) {
        out.append("\\x").append(Character.forDigit(b >> 4 & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
    }

    /**
     * The name a user typed in the escaped form text output shows it in (see {@link #escape}): {@code \xNN} is the
     * byte NN, {@code \n}, {@code \t}, {@code \r} and {@code \0} their controls; any other backslash stays.
     * The result is in the lossless form of {@code NameBytes}, so {@code a\xff} names the file whose name ends in
     * the byte 0xff.
     */
    public static String unescape(String typed) {
        if (typed.indexOf('\\') < 0) return typed;
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(typed.length());
        int i = 0;
        while (i < typed.length()) {
            char c = typed.charAt(i);
            if (c == '\\' && i + 1 < typed.length()) {
                char e = typed.charAt(i + 1);
                int hi = i + 3 < typed.length() ? Character.digit(typed.charAt(i + 2), 16) : -1;
                int lo = i + 3 < typed.length() ? Character.digit(typed.charAt(i + 3), 16) : -1;
                if (e == 'x' && hi >= 0 && lo >= 0) {
                    bytes.write(hi << 4 | lo);
                    i += 4;
                    continue;
                }
                int control = switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case '0' -> 0;
                    default -> -1;
                };
                if (control >= 0) {
                    bytes.write(control);
                    i += 2;
                    continue;
                }
            }
            int end = i + Character.charCount(typed.codePointAt(i));
            bytes.writeBytes(io.strata.model.NameBytes.encode(typed.substring(i, end)));
            i = end;
        }
        return io.strata.model.NameBytes.decode(bytes.toByteArray());
    }

    /**
     * The safety net under every line Strata prints: escapes what {@link #escape} does but newlines and tabs,
     * which are the output's own layout. JSON passes through unchanged (its writer escapes controls itself).
     */
    public static Writer guard(Writer out) {
        return new Guard(out);
    }

    private static final class Guard extends Writer {
        private final Writer out;
        private char pendingHigh;

        Guard(Writer out) {
            this.out = out;
        }

        @Override
        public void write(char[] buf, int off, int len) throws IOException {
            // the usual case (printable ASCII and the layout's newlines and tabs, as JSON text is): passed on as it
            // is, without a String per write and a second scan; anything else goes through escape
            if (pendingHigh == 0 && plain(buf, off, len)) {
                out.write(buf, off, len);
            } else {
                write(new String(buf, off, len));
            }
        }

        /** Whether none of these chars is one {@link #escape} with the layout kept would change. */
        private static boolean plain(char[] buf, int off, int len) {
            for (int i = off, end = off + len; i < end; i++) {
                char c = buf[i];
                if ((c < 0x20 || c >= 0x7F) && c != '\n' && c != '\t') return false;
            }
            return true;
        }

        @Override
        public void write(String s, int off, int len) throws IOException {
            write(s.substring(off, off + len));
        }

        @Override
        public void write(int c) throws IOException {
            write(String.valueOf((char) c));
        }

        @Override
        public void write(String s) throws IOException {
            if (s.isEmpty()) return;
            if (pendingHigh != 0) {
                s = pendingHigh + s;
                pendingHigh = 0;
            }
            // a surrogate pair may arrive in two writes: hold a trailing high surrogate for the next one
            if (Character.isHighSurrogate(s.charAt(s.length() - 1))) {
                pendingHigh = s.charAt(s.length() - 1);
                s = s.substring(0, s.length() - 1);
            }
            out.write(escape(s, true));
        }

        @Override
        public void flush() throws IOException {
            if (pendingHigh != 0) {
                out.write(escape(String.valueOf(pendingHigh), true));
                pendingHigh = 0;
            }
            out.flush();
        }

        @Override
        public void close() throws IOException {
            flush();
            out.close();
        }
    }
}
