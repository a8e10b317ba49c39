package io.strata.cli;

import io.strata.analysis.Reports;
import io.strata.analysis.SetReport;
import io.strata.archive.ImageArchive;
import io.strata.archive.ImageEntry;
import io.strata.layer.LayerIndex;
import io.strata.report.InspectWriter;
import io.strata.report.JsonOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
        try (Workspace ws = new Workspace(input)) {
            List<Reports.ListedImage> scanned = new ArrayList<>();
            for (String path : ArchiveArguments.expand(archives)) {
                ImageArchive a = ws.open(path);
                for (ImageEntry e : ws.listAll(a)) scanned.add(ws.list(a, e));
            }
            SetReport set = Reports.inspect(scanned);
            long dedup = contentDedupBytes(scanned);
            if (format.json()) JsonOutput.write(InspectWriter.json(ws.archives(), set, dedup), out);
            else InspectWriter.text(ws.archives(), set, dedup, noTrunc, out);
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** Bytes of distinct file contents across every layer of every image (each content counted once). */
    static long contentDedupBytes(List<Reports.ListedImage> scanned) {
        Set<String> seen = new HashSet<>();
        Set<Object> layersSeen = new HashSet<>();
        long total = 0;
        for (Reports.ListedImage s : scanned) {
            for (LayerIndex l : s.layers().stream().flatMap(java.util.Optional::stream).toList()) {
                if (!layersSeen.add(l.totals().diffId())) continue;
                for (int i = 0; i < l.size(); i++) {
                    if (!l.hasDigest(i)) continue;
                    if (seen.add(l.sha256(i).orElseThrow().hex())) total += l.size(i);
                }
            }
        }
        return total;
    }
}
