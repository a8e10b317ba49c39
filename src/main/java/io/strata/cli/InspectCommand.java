package io.strata.cli;

import io.strata.report.SetWriter;
import io.strata.session.ArchiveArguments;
import io.strata.session.Workspace;
import io.strata.session.SetRunner;
import io.strata.session.ExitCodes;
import io.strata.analysis.ImageSelector;
import io.strata.analysis.SetSizes;
import io.strata.analysis.SelectionException;
import io.strata.analysis.SetReport;
import io.strata.analysis.SetTotals;
import io.strata.archive.ImageArchive;
import io.strata.archive.ImageEntry;
import io.strata.report.InspectWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "inspect", mixinStandardHelpOptions = true, description = "Images, platforms, layers and sizes (logical vs real) of one or more archives.")
public class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "ARCHIVE", description = "Saved image(s): tar, tar.gz, tar.zst, OCI layout directory, or - for stdin.")
    List<String> archives;

    @Mixin
    FormatOption format;

    @Mixin
    InputOptions input;

    @Option(names = "--no-trunc", description = "Do not truncate digests and CREATED BY.")
    boolean noTrunc;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        boolean several = ArchiveArguments.isSet(archives);
        List<Object> failures = new ArrayList<>();
        PrintWriter err = spec.commandLine().getErr();
        try (Workspace ws = new Workspace(input.options())) {
            Workspace.Options choice = ws.options();
            // only the layers' totals and one digest per distinct content are kept from image to image
            SetTotals.Builder scanned = new SetTotals.Builder();
            for (String path : ArchiveArguments.expand(archives, input.recursive,
                    note -> SetWriter.note(note, spec.commandLine().getErr()))) {
                try {
                    ImageArchive a = ws.open(path);
                    // in a set, an archive the filters leave empty is skipped, not an error (as in every command)
                    List<ImageEntry> entries = several
                            ? ImageSelector.listed(a.images(), choice.image(), choice.parsedPlatform()) : ws.listAll(a);
                    if (entries.isEmpty()) SetWriter.skipped(a.label(), choice.filters(), err);
                    for (ImageEntry e : entries) scanned.add(ws.list(a, e));
                } catch (Exception e) {
                    if (!several) throw e;
                    failures.add(SetWriter.failure(path, null, SetRunner.badInput(e), err));
                }
            }
            if (scanned.images().isEmpty() && !failures.isEmpty()) return ExitCodes.BAD_INPUT; // a refusal: nothing on stdout
            if (scanned.images().isEmpty()) {
                throw new SelectionException("no image matches" + choice.filters() + " in any archive");
            }
            SetReport set = SetSizes.of(scanned.images());
            long dedup = scanned.contentDedupBytes();
            InspectWriter writer = new InspectWriter(noTrunc);
            InspectWriter.Inspected result = new InspectWriter.Inspected(ws.archives(), set, dedup,
                    several ? Optional.of(failures) : Optional.empty());
            writer.write(result, format.json(), IntegrityFindings.of(ws), out);
            out.flush();
            return failures.isEmpty() ? ExitCodes.OK : ExitCodes.BAD_INPUT;
        }
    }
}
