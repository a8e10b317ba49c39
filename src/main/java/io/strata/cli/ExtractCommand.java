package io.strata.cli;

import io.strata.session.Workspace;
import io.strata.session.AnalysedImage;
import io.strata.session.ExitCodes;
import io.strata.extract.EntryCopier;
import io.strata.extract.ExtractException;
import io.strata.extract.ExtractTarget;
import io.strata.extract.FileLocator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.InputStream;
import java.util.concurrent.Callable;

@Command(name = "extract", mixinStandardHelpOptions = true, description = {
        "Writes the bytes of one file of an image: as the merged filesystem shows it, or as layer N stores it "
                + "(also a version a later layer deleted or overwrote).",
        "Symlinks are resolved inside the image only."})
public class ExtractCommand implements Callable<Integer> {
    @Parameters(index = "1", paramLabel = "PATH", description = {"Path inside the image, e.g. /etc/passwd.",
            "A name that is not UTF-8 may be given as its bytes or as `files` prints it (\\xNN for a byte)."})
    String path;

    @Option(names = "--layer", paramLabel = "N", description = "Take the file as layer N (0 = base) stores it, not from the merged view.")
    Integer layer;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE|-", description = "Write to FILE (default: - for standard output).")
    String output;

    @Option(names = "--no-follow", description = "A symlink at PATH gives its target text instead of the file it points to.")
    boolean noFollow;

    @Mixin
    OneImageOptions input;

    @Override
    public Integer call() throws Exception {
        OutputTarget.check(output, input.archives());
        // uncached: the index that locates the bytes written out comes from the blob read now, not an earlier run
        try (Workspace ws = Workspace.uncached(input.options())) {
            AnalysedImage image = ws.analyseOne(input.archive);
            ExtractTarget target = null;
            ExtractException notThere = null;
            // the name as given first; when no such file is there, its \xNN escapes (as `files` prints) as bytes
            for (String name : PathArgument.candidates(path)) {
                try {
                    target = layer == null ? FileLocator.merged(image.tree(), name, !noFollow)
                            : FileLocator.inLayer(image.stack(), layer, name, !noFollow);
                    break;
                } catch (ExtractException e) {
                    if (notThere == null) notThere = e;
                }
            }
            if (target == null) throw new UsageException(image.archive().label() + ": " + notThere.getMessage());
            try (OutputTarget out = OutputTarget.open(output, input.archives())) {
                if (target.linkText().isPresent()) {
                    out.stream().write(io.strata.model.NameBytes.encode(target.linkText().get()));
                } else {
                    try (InputStream blob = image.openLayer(target.layer())) {
                        EntryCopier.copyOne(blob, image.layers().get(target.layer()), target.entry(),
                                image.scanOptions(), out.stream());
                    }
                }
                out.commit();
            }
            return ExitCodes.OK;
        }
    }
}
