package io.strata.cli;

import picocli.CommandLine.Option;

/** --format text|json, shared by every command. */
public class FormatOption {
    public enum Format { text, json }

    @Option(names = "--format", defaultValue = "text", description = "Output format: text or json (default: ${DEFAULT-VALUE}).")
    public Format format = Format.text;

    public boolean json() {
        return format == Format.json;
    }
}
