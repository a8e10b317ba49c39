package io.strata.cli;

import io.strata.session.Workspace;
import io.strata.session.AnalysedImage;
import io.strata.session.ExitCodes;
import io.strata.extract.RootfsExporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "export", mixinStandardHelpOptions = true, description = {
        "Writes the merged filesystem of an image as one tar, like `crane export`.",
        "Streaming, whiteouts applied, hardlinks kept. Without -o it writes to standard output unless that is a terminal."})
public class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ARCHIVE", description = "Saved image: tar, tar.gz, tar.zst, OCI layout directory, or - for stdin.")
    String archive;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE|-",
            description = "The tar to write (- for standard output; the default when standard output is not a terminal).")
    String output;

    @Mixin
    InputOptions input;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (output == null && Terminal.stdoutIsTerminal()) {
            // a tar on a terminal is noise at best: say how to get it instead
            throw new UsageException("export: standard output is a terminal; name the tar with -o FILE, or redirect (> rootfs.tar)");
        }
        OutputTarget.check(output, List.of(archive));
        // uncached: the index that locates the bytes written out comes from the blob read now, not an earlier run
        try (Workspace ws = Workspace.uncached(input.options())) {
            AnalysedImage image = ws.analyseOne(archive);
            RootfsExporter.Summary summary;
            try (OutputTarget out = OutputTarget.open(output, List.of(archive))) {
                summary = RootfsExporter.export(image.tree(), image::openLayer, image.scanOptions(), out.stream());
                out.commit();
            }
            for (String s : summary.skipped()) err.println("strata: export: skipped " + s);
            err.flush();
            return ExitCodes.OK;
        }
    }
}
