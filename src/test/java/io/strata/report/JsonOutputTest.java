package io.strata.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The streaming writer against Jackson data binding, which wrote every report before it: the same bytes. */
class JsonOutputTest {
    private record Row(String name, long size, List<String> notes) {
    }

    @Test
    void writesWhatDataBindingWrote() throws Exception {
        Map<String, Object> doc = JsonOutput.document();
        doc.put("text", "tab\t \"quoted\" é ☃ \u0001 /slash");
        doc.put("int", 42);
        doc.put("long", 1L << 40);
        doc.put("negative", -7);
        doc.put("double", 0.9844212134184309);
        doc.put("nan", Double.NaN);
        doc.put("true", true);
        doc.put("null", null);
        doc.put("emptyMap", Map.of());
        doc.put("emptyList", List.of());
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("list", new ArrayList<>(List.of(1, "two", List.of(3.5, false))));
        nested.put("sorted", new TreeMap<>(Map.of("b", 2, "a", 1)));
        doc.put("nested", nested);
        doc.put("lazy", JsonOutput.lazyArray(List.of(1, 2, 3), i -> Map.of("i", i)));
        // values the streaming writer hands to data binding
        doc.put("record", new Row("x", 3, List.of("n")));
        doc.put("intKeys", Map.of(1, "one"));
        doc.put("path", Path.of("/tmp/x"));
        doc.put("array", new int[]{1, 2});

        StringWriter streamed = new StringWriter();
        JsonOutput.write(doc, new PrintWriter(streamed));

        ObjectMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).build();
        StringWriter bound = new StringWriter();
        PrintWriter out = new PrintWriter(bound);
        mapper.writer(new DefaultPrettyPrinter()).writeValue(out, doc);
        out.println();
        out.flush();
        assertEquals(bound.toString(), streamed.toString());
    }
}
