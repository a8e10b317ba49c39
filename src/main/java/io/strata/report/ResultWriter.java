package io.strata.report;

import io.strata.model.Finding;
import io.strata.session.SetRunner;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * Writes one kind of command result in every output format: a new format is one more method here and one per
 * result. JSON keys live in the writers only; a command hands over values.
 */
public interface ResultWriter<T> {
    void text(T result, PrintWriter out);

    /** The JSON document (schemaVersion first) for {@code result}. */
    Map<String, Object> json(T result);

    /** What {@code result} adds to a set's figures (the JSON "set" block and the text Set: line), in order. */
    default Map<String, Long> setFigures(T result) {
        return Map.of();
    }

    /** The result as the --format option asks. */
    default void write(T result, boolean json, PrintWriter out) {
        if (json) JsonOutput.write(json(result), out);
        else text(result, out);
    }

    /**
     * The result of a whole run as the --format option asks, with the run's integrity findings (layers whose bytes
     * differ from their claims) added to the JSON document's "findings"; in text, standard error has said them.
     */
    default void write(T result, boolean json, List<Finding> integrity, PrintWriter out) {
        if (json) JsonOutput.write(SetWriter.withIntegrity(json(result), integrity), out);
        else text(result, out);
    }

    /** The result of one image of a run (a set's member, or the one image): its set figures, then its report. */
    default void write(T result, boolean json, SetRunner.Report report) {
        setFigures(result).forEach(report::addToSet);
        if (json) report.json(json(result));
        else text(result, report.text());
    }
}
