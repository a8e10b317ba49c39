package io.strata.report;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The safety net under every printed line, written to in char arrays as a JSON generator flushes its buffer. */
class TerminalGuardTest {
    private static String viaArrays(String text, int chunk) throws IOException {
        StringWriter sink = new StringWriter();
        Writer guard = TerminalText.guard(sink);
        char[] chars = text.toCharArray();
        for (int off = 0; off < chars.length; off += chunk) guard.write(chars, off, Math.min(chunk, chars.length - off));
        guard.flush();
        return sink.toString();
    }

    private static String viaOneString(String text) throws IOException {
        StringWriter sink = new StringWriter();
        Writer guard = TerminalText.guard(sink);
        guard.write(text);
        guard.flush();
        return sink.toString();
    }

    @Test
    void plainTextPassesAndControlsAreEscaped() throws IOException {
        String json = "{\n\t\"name\" : \"libc6\",\n  \"files\" : 30\n}\n";
        assertEquals(json, viaArrays(json, 7));
        assertEquals("a\\x1b]0;title\\x07b\\rc\\x7f\\xc2\\x85 é\n", viaArrays("a\u001b]0;title\u0007b\rc\u007f\u0085 é\n", 4));
        assertEquals("pair \ud83d\ude00 split", viaArrays("pair \ud83d\ude00 split", 6), "a surrogate pair across two writes");
        assertEquals("lone \\ud83d end, byte \\x80", viaArrays("lone \ud83d end, byte \udc80", 3), "lone surrogates");
    }

    @Test
    void arraysAreGuardedExactlyAsOneStringIs() throws IOException {
        char[] alphabet = {'a', 'Z', ' ', '{', '"', '\\', '\n', '\t', '\r', '\u001b', '\u0000', '\u007f', '\u0085', '\u009f',
                '\u00e9', '\u4e2d', '\ud83d', '\ude00', '\udc80'};
        Random random = new Random(13);
        for (int round = 0; round < 500; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(200); i > 0; i--) text.append(alphabet[random.nextInt(alphabet.length)]);
            String s = text.toString();
            String expected = viaOneString(s);
            for (int chunk : new int[]{1, 2, 5, 64}) assertEquals(expected, viaArrays(s, chunk), s + " in chunks of " + chunk);
        }
    }
}
