package io.strata.cli;

import io.strata.report.SetWriter;
import io.strata.session.Workspace;
import io.strata.session.SetRunner;
import io.strata.session.ExitCodes;
import io.strata.analysis.DockerHistory;
import io.strata.analysis.ListedImage;
import io.strata.report.HistoryWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "history", mixinStandardHelpOptions = true, description = "The build history of an image (or of each image of a set), like `docker history`, offline.")
public class HistoryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "ARCHIVE", description = "Saved image(s): tar, tar.gz, tar.zst, OCI layout directory, - for stdin, or a folder of archives; several form one set.")
    List<String> archives;

    @Mixin
    FormatOption format;

    @Mixin
    InputOptions input;

    @Mixin
    AllImagesOption all;

    @Option(names = "--no-trunc", description = "Do not truncate the image ID and CREATED BY.")
    boolean noTrunc;

    @Option(names = {"-H", "--human"}, arity = "1", defaultValue = "true", paramLabel = "true|false",
            description = "Print sizes and dates in human readable format (default: ${DEFAULT-VALUE}).")
    boolean human = true;

    /** -q as in docker; --quiet (of the input options, which also silences progress) means the same here. */
    @Option(names = "-q", description = "Only show image IDs (also --quiet).")
    boolean quiet;

    @Option(names = "--size", defaultValue = "content", paramLabel = "content|tar",
            description = "content: docker's SIZE (file bytes); tar: the layer tar's length, as podman reports (default: ${DEFAULT-VALUE}).")
    String size;

    @Override
    public Integer call() throws Exception {
        HistoryWriter.SizeKind kind = switch (size) {
            case "content" -> HistoryWriter.SizeKind.CONTENT;
            case "tar" -> HistoryWriter.SizeKind.TAR;
            default -> throw new UsageException("--size must be content or tar, not '" + size + "'");
        };
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        HistoryWriter writer = new HistoryWriter(kind, noTrunc, human, quiet || input.quiet, Instant.now());
        try (Workspace ws = new Workspace(input.options())) {
            return SetRunner.images(ws, archives, all.allImages, new SetWriter(format.json(), out, err), (a, image, report) -> {
                ListedImage listed = ws.list(a, image);
                var rows = DockerHistory.rows(listed);
                image.layers().stream().filter(l -> !l.present()).forEach(l -> err.println("strata: warning: "
                        + a.label() + ": layer " + l.index() + " (" + l.blobKey() + ") is not in the archive; its size is unknown"));
                err.flush();
                writer.write(new HistoryWriter.History(image.configDigest(), rows), format.json(), report);
                return ExitCodes.OK;
            });
        } finally {
            out.flush();
        }
    }
}
