package io.strata.cli;

import picocli.CommandLine.Option;

/** --format text|json|junit|sarif for `ci`: JUnit XML and SARIF are what CI systems and dashboards read. */
public class CiFormatOption {
    public enum Format { text, json, junit, sarif }

    @Option(names = "--format", defaultValue = "text",
            description = "Output format: text, json, junit (JUnit XML, a test case per gate) or sarif (SARIF 2.1.0) (default: ${DEFAULT-VALUE}).")
    public Format format = Format.text;

    public boolean json() {
        return format == Format.json;
    }

    /** A document written once for the whole run (JUnit, SARIF), not one report per image. */
    public boolean whole() {
        return format == Format.junit || format == Format.sarif;
    }
}
