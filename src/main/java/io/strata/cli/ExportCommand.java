package io.strata.cli;

import io.strata.session.Workspace;
import io.strata.session.AnalysedImage;
import io.strata.session.ExitCodes;
import io.strata.extract.RootfsExporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "export", mixinStandardHelpOptions = true, description = {
        "Writes the merged filesystem of an image as one tar, like `crane export`.",
        "Streaming, whiteouts applied, hardlinks kept. Without -o it writes to standard output unless that is a terminal."})
public class ExportCommand implements Callable<Integer> {
    @Option(names = {"-o", "--output"}, paramLabel = "FILE|-",
            description = "The tar to write (- for standard output; the default when standard output is not a terminal).")
    String output;

    @Mixin
    OneImageOptions input;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = input.err();
        if (output == null && Terminal.stdoutIsTerminal()) {
            // a tar on a terminal is noise at best: say how to get it instead
            throw new UsageException("export: standard output is a terminal; name the tar with -o FILE, or redirect (> rootfs.tar)");
        }
        OutputTarget.check(output, input.archives());
        // uncached: the index that locates the bytes written out comes from the blob read now, not an earlier run
        try (Workspace ws = Workspace.uncached(input.options())) {
            AnalysedImage image = ws.analyseOne(input.archive);
            RootfsExporter.Summary summary;
            try (OutputTarget out = OutputTarget.open(output, input.archives())) {
                summary = RootfsExporter.export(image.tree(), image::openLayer, image.scanOptions(), out.stream());
                out.commit();
            }
            for (String s : summary.skipped()) err.println("strata: export: skipped " + s);
            err.flush();
            return ExitCodes.OK;
        }
    }
}
