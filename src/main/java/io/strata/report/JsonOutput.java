package io.strata.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Writes report values as JSON: insertion-ordered maps, two-space indent, a top-level schemaVersion. */
public final class JsonOutput {
    public static final int SCHEMA_VERSION = 1;
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();

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
        return () -> items.stream().map(row).iterator();
    }

    public static void write(Object value, PrintWriter out) {
        try {
            // streamed to the output: a listing of 200,000 files is never one string in memory
            MAPPER.writer(new DefaultPrettyPrinter()).writeValue(out, value);
            out.println();
            out.flush();
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise report: " + e.getMessage(), e);
        }
    }

    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
