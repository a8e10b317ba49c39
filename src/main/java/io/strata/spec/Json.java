package io.strata.spec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Reads wire documents into JSON trees with jackson-core's streaming parser, with limits so hostile JSON cannot
 * exhaust memory or stack. No data binding: its mapper and the introspection of every DTO cost about 0.15 s of
 * a half-second run; the DTOs read their fields from the tree ({@code *Json.of}).
 */
public final class Json {
    /** Nesting deeper than this is refused; real manifests and configs are a handful of levels deep. */
    public static final int MAX_NESTING = 64;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING)
                    .maxStringLength(16 * 1024 * 1024)
                    .maxNumberLength(100)
                    .build())
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    /** The document as a tree; a JSON {@code null} document is a NullNode. */
    public static JsonNode tree(byte[] bytes) throws SpecException {
        try (JsonParser p = FACTORY.createParser(bytes)) {
            JsonToken first = p.nextToken();
            if (first == null) throw new SpecException("malformed JSON: no content (an empty document)");
            return value(p, first);
        } catch (JsonProcessingException e) {
            throw new SpecException("malformed JSON: " + firstLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new SpecException("unreadable JSON: " + e.getMessage(), e);
        }
    }

    /** One value starting at {@code token}; recursion is bounded by the parser's nesting limit. */
    private static JsonNode value(JsonParser p, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                ObjectNode o = NODES.objectNode();
                JsonToken t;
                while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    o.set(name, value(p, p.nextToken())); // a repeated name: the last one wins
                }
                expect(t, JsonToken.END_OBJECT, p);
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = NODES.arrayNode();
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (t == null) throw new JsonParseEnd(p);
                    a.add(value(p, t));
                }
                return a;
            }
            case VALUE_STRING -> {
                return NODES.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(p.getDoubleValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return NODES.booleanNode(token == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new JsonParseEnd(p);
        }
    }

    private static void expect(JsonToken actual, JsonToken expected, JsonParser p) throws JsonParseEnd {
        if (actual != expected) throw new JsonParseEnd(p);
    }

    /** The document ends (or breaks) where a value should be. */
    private static final class JsonParseEnd extends JsonProcessingException {
        JsonParseEnd(JsonParser p) {
            super("unexpected end of input", p.currentLocation());
        }
    }

    private static final Pattern SOURCE =
            Pattern.compile("\\[Source: [^\\]]*?; (line: \\d+, column: \\d+)\\]");

    static String firstLine(String s) {
        if (s == null) return "parse error";
        int nl = s.indexOf('\n');
        // Jackson names where a bracket opened as "[Source: REDACTED (...); line: 1, column: 35]": keep the place
        String line = SOURCE.matcher(nl < 0 ? s : s.substring(0, nl)).replaceAll("$1");
        return line.length() > 200 ? line.substring(0, 197) + "..." : line;
    }
}
