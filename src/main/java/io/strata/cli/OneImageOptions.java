package io.strata.cli;

import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;

/**
 * What the one-image commands (config, manifest, extract, export, sbom) share: the ARCHIVE argument, image choice
 * and limits ({@link InputOptions}), and the command's standard output and error. A picocli mixin, so the argument
 * reads and helps the same everywhere.
 */
public class OneImageOptions extends InputOptions {
    @Parameters(index = "0", paramLabel = "ARCHIVE", description = "Saved image: tar, tar.gz, tar.zst, OCI layout directory, or - for stdin.")
    public String archive;

    /** The archive argument as the list the output helpers take (an output may not overwrite an input). */
    public List<String> archives() {
        return List.of(archive);
    }

    /** Where results go: the command's standard output. */
    public PrintWriter out() {
        if (mixee != null && mixee.commandLine() != null) return mixee.commandLine().getOut();
        return new PrintWriter(System.out, true);
    }
}
