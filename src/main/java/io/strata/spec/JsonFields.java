package io.strata.spec;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed fields of a JSON object for the wire DTOs, tolerant as data binding was: a missing field or a JSON
 * null is null, unknown fields are ignored, a scalar where text is expected is taken as its text, a number
 * written as a string is a number. A container where a scalar belongs (or the reverse) is a shape error.
 */
final class JsonFields {
    /** Reads one DTO from an object node. */
    @FunctionalInterface
    interface Reader<T> {
        T read(JsonNode object) throws SpecException;
    }

    private JsonFields() {
    }

    /** The node itself as an object, or a shape error naming {@code what}. */
    static JsonNode object(JsonNode node, String what) throws SpecException {
        if (node == null || !node.isObject()) throw shape(what, "an object", node);
        return node;
    }

    static String text(JsonNode object, String field) throws SpecException {
        JsonNode v = value(object, field);
        if (v == null) return null;
        if (v.isContainerNode()) throw shape(field, "a string", v);
        return v.asText();
    }

    static Long longValue(JsonNode object, String field) throws SpecException {
        JsonNode v = value(object, field);
        if (v == null) return null;
        if (v.isIntegralNumber() && v.canConvertToLong()) return v.longValue();
        if (v.isFloatingPointNumber()) return (long) v.doubleValue();
        if (v.isTextual()) {
            String s = v.textValue().trim();
            if (s.isEmpty()) return null;
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw shape(field, "a number", v);
            }
        }
        throw shape(field, "a number", v);
    }

    static Integer intValue(JsonNode object, String field) throws SpecException {
        Long l = longValue(object, field);
        if (l == null) return null;
        if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) throw shape(field, "a 32-bit number", object.get(field));
        return l.intValue();
    }

    static Boolean bool(JsonNode object, String field) throws SpecException {
        JsonNode v = value(object, field);
        if (v == null) return null;
        if (v.isBoolean()) return v.booleanValue();
        if (v.isTextual() && (v.textValue().equals("true") || v.textValue().equals("false"))) {
            return Boolean.valueOf(v.textValue());
        }
        if (v.isIntegralNumber()) return v.longValue() != 0;
        throw shape(field, "true or false", v);
    }

    /** The raw node, for fields whose shape varies (Cmd as an array or a string); null when missing. */
    static JsonNode node(JsonNode object, String field) {
        JsonNode v = object.get(field);
        return v == null || v.isNull() ? null : v;
    }

    static List<String> stringList(JsonNode object, String field) throws SpecException {
        JsonNode v = value(object, field);
        if (v == null) return null;
        if (!v.isArray()) throw shape(field, "an array", v);
        List<String> out = new ArrayList<>(v.size());
        for (JsonNode e : v) {
            if (e.isContainerNode()) throw shape(field + "[]", "a string", e);
            out.add(e.isNull() ? null : e.asText());
        }
        return out;
    }

    static Map<String, String> stringMap(JsonNode object, String field) throws SpecException {
        return entries(object, field, (key, x) -> {
            if (x.isContainerNode()) throw shape(field + "." + key, "a string", x);
            return x.isNull() ? null : x.asText();
        });
    }

    static Map<String, JsonNode> nodeMap(JsonNode object, String field) throws SpecException {
        return entries(object, field, (key, x) -> x);
    }

    static <T> T nested(JsonNode object, String field, Reader<T> reader) throws SpecException {
        JsonNode v = value(object, field);
        if (v == null) return null;
        if (!v.isObject()) throw shape(field, "an object", v);
        return reader.read(v);
    }

    /** An array of objects; a null element stays null (the translator skips or refuses it). */
    static <T> List<T> list(JsonNode object, String field, Reader<T> reader) throws SpecException {
        JsonNode v = value(object, field);
        if (v == null) return null;
        return elements(v, field, reader);
    }

    static <T> List<T> elements(JsonNode array, String what, Reader<T> reader) throws SpecException {
        if (!array.isArray()) throw shape(what, "an array", array);
        List<T> out = new ArrayList<>(array.size());
        for (JsonNode e : array) {
            if (e.isNull()) {
                out.add(null);
            } else if (e.isObject()) {
                out.add(reader.read(e));
            } else {
                throw shape(what + "[]", "an object", e);
            }
        }
        return out;
    }

    static <T> Map<String, T> map(JsonNode object, String field, Reader<T> reader) throws SpecException {
        return entries(object, field, (key, x) -> {
            if (x.isNull()) return null;
            if (!x.isObject()) throw shape(field + "." + key, "an object", x);
            return reader.read(x);
        });
    }

    /** Reads one member of an object-valued field. */
    @FunctionalInterface
    private interface EntryReader<T> {
        T read(String key, JsonNode value) throws SpecException;
    }

    /** An object-valued field as an insertion-ordered map; null when missing. */
    private static <T> Map<String, T> entries(JsonNode object, String field, EntryReader<T> reader)
            throws SpecException {
        JsonNode v = value(object, field);
        if (v == null) return null;
        if (!v.isObject()) throw shape(field, "an object", v);
        Map<String, T> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), reader.read(e.getKey(), e.getValue()));
        }
        return out;
    }

    private static JsonNode value(JsonNode object, String field) {
        JsonNode v = object.get(field);
        return v == null || v.isNull() ? null : v;
    }

    private static SpecException shape(String field, String expected, JsonNode found) {
        String kind = found == null || found.isNull() ? "null" : found.isObject() ? "an object"
                : found.isArray() ? "an array" : found.isTextual() ? "a string" : found.isNumber() ? "a number"
                : found.isBoolean() ? "a boolean" : found.getNodeType().toString().toLowerCase();
        return new SpecException("unexpected JSON shape: " + field + " should be " + expected + ", not " + kind);
    }
}
