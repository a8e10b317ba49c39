package io.strata.report;

import java.io.PrintWriter;
import java.util.Map;

/**
 * Writes one kind of command result in every output format: a new format is one more method here and one per
 * result. JSON keys live in the writers only; a command hands over values.
 */
public interface ResultWriter<T> {
    void text(T result, PrintWriter out);

    /** The JSON document (schemaVersion first) for {@code result}. */
    Map<String, Object> json(T result);

    /** The result as the --format option asks. */
    default void write(T result, boolean json, PrintWriter out) {
        if (json) JsonOutput.write(json(result), out);
        else text(result, out);
    }
}
