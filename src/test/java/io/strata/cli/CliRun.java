package io.strata.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process through Main.run and keeps the exit code, standard output and standard error. */
record CliRun(int code, String out, String err) {
    static final String SAMPLE = "testdata/sample/sample.docker-save.tar";

    static CliRun strata(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        io.strata.testing.GoldenLog.record(java.util.List.of(args), code, out.toString(), err.toString());
        return new CliRun(code, out.toString(), err.toString());
    }

    JsonNode json() {
        try {
            return new ObjectMapper().readTree(out);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + out, e);
        }
    }

    /** The element of a JSON array whose "path" is {@code path}. */
    static JsonNode byPath(JsonNode array, String path) {
        for (JsonNode n : array) if (n.path("path").asText().equals(path)) return n;
        throw new AssertionError(path + " not in " + array);
    }
}
