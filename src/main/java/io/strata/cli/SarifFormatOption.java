package io.strata.cli;

import picocli.CommandLine.Option;

/** --format text|json|sarif, for the commands whose results code-scanning dashboards read (verify, advise). */
public class SarifFormatOption {
    public enum Format { text, json, sarif }

    @Option(names = "--format", defaultValue = "text",
            description = "Output format: text, json or sarif (SARIF 2.1.0) (default: ${DEFAULT-VALUE}).")
    public Format format = Format.text;

    public boolean json() {
        return format == Format.json;
    }

    public boolean sarif() {
        return format == Format.sarif;
    }
}
