package io.strata.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import io.strata.model.NameBytes;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Writes report values as JSON: insertion-ordered maps, two-space indent, a top-level schemaVersion. */
public final class JsonOutput {
    public static final int SCHEMA_VERSION = 1;
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build()
            .setCharacterEscapes(new ControlEscapes());

    /**
     * Jackson escapes the C0 controls; DEL and the C1 controls (U+007F to U+009F) it writes raw, and a terminal
     * may act on them, so they are written as {@code \u007f} and the like too.
     */
    private static final class ControlEscapes extends CharacterEscapes {
        private final int[] ascii = standardAsciiEscapesForJSON();

        ControlEscapes() {
            ascii[0x7F] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch >= 0x80 && ch <= 0x9F ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }

    /** For values other than maps, lists, text, numbers and booleans; made only when one turns up. */
    private static final class Binding {
        static final ObjectMapper MAPPER = JsonMapper.builder()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .build();
    }

    private JsonOutput() {
    }

    /** A new top-level object that already carries schemaVersion. */
    public static Map<String, Object> document() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schemaVersion", SCHEMA_VERSION);
        return m;
    }

    public static Map<String, Object> object() {
        return new LinkedHashMap<>();
    }

    /**
     * A JSON array whose elements are made one at a time while it is written, so a long listing does not hold a
     * map per row; each write of the document walks {@code items} again.
     */
    public static <T> Iterable<Object> lazyArray(List<T> items, Function<T, Object> row) {
        return (LazyArray) () -> items.stream().map(row).iterator();
    }

    /** The iterable {@link #lazyArray} returns, told apart from other iterables (a Path is one too). */
    private interface LazyArray extends Iterable<Object> {
    }

    public static void write(Object value, PrintWriter out) {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            // streamed to the output: a listing of 200,000 files is never one string in memory
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            writeValue(g, value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise report: " + e.getMessage(), e);
        }
        out.println();
        out.flush();
    }

    /** One value as compact JSON text (a quoted string, for instance). */
    public static String toJson(Object value) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(text)) {
            writeValue(g, value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return text.toString();
    }

    /**
     * JSON text is Unicode: a name that is not valid UTF-8 is written with each invalid byte as the four
     * characters {@code \\xNN} (readable, but not exact: {@link #putName} adds the exact bytes beside it).
     */
    static String text(String s) {
        return NameBytes.isUtf8(s) ? s : TerminalText.escapeInvalidBytes(s);
    }

    /**
     * Puts a name under {@code key} and, when it is not valid UTF-8, its exact bytes in base64 under
     * {@code key + "Bytes"}: the one reversible form of such a name.
     */
    public static void putName(Map<String, Object> m, String key, String name) {
        m.put(key, name);
        if (name != null && !NameBytes.isUtf8(name)) {
            m.put(key + "Bytes", java.util.Base64.getEncoder().encodeToString(NameBytes.encode(name)));
        }
    }

    /**
     * Beside a list of names, their exact bytes: base64 for each name that is not valid UTF-8, null for the others
     * (whose text is exact); absent when every name is valid UTF-8, as {@link #putName} does for one.
     */
    public static void putNames(Map<String, Object> m, String key, List<String> names) {
        if (names.stream().allMatch(NameBytes::isUtf8)) return;
        List<Object> exact = new java.util.ArrayList<>(names.size());
        for (String n : names) {
            exact.add(NameBytes.isUtf8(n) ? null
                    : java.util.Base64.getEncoder().encodeToString(NameBytes.encode(n)));
        }
        m.put(key, exact);
    }

    /**
     * Writes what report writers build (maps, lists and lazy arrays of text, numbers, booleans and nulls) with the
     * streaming generator, as data binding writes them; anything else goes to data binding, whose mapper costs
     * 0.05-0.1 s to set up in a run that would not need it otherwise.
     */
    private static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(text(s));
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Map<?, ?> m && textKeys(m)) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(text((String) e.getKey()));
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof Collection<?> || v instanceof LazyArray) {
            g.writeStartArray();
            for (Object x : (Iterable<?>) v) writeValue(g, x);
            g.writeEndArray();
        } else {
            Binding.MAPPER.writeValue(g, v);
        }
    }

    /** Every key is text; a loop rather than a stream per object (a listing writes thousands, early in the run). */
    private static boolean textKeys(Map<?, ?> m) {
        for (Object k : m.keySet()) {
            if (!(k instanceof String)) return false;
        }
        return true;
    }
}
