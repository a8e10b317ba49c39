package io.strata.cli;

import io.strata.analysis.waste.WasteAnalysis;
import io.strata.analysis.waste.WasteReport;
import io.strata.report.JsonOutput;
import io.strata.report.WasteWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "waste", description = "Wasted bytes, duplicates and efficiency (with dive's figures beside Strata's).")
public class WasteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ARCHIVE")
    String archive;

    @Mixin
    FormatOption format;

    @Mixin
    InputOptions input;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10",
            description = "Longest lists shown: wasted paths, duplicate groups, dive's paths; 0 = all (default: ${DEFAULT-VALUE}).")
    int top;

    @Override
    public Integer call() throws Exception {
        if (top < 0) throw new UsageException("--top " + top + ": must be 0 (all) or more");
        PrintWriter out = spec.commandLine().getOut();
        try (Workspace ws = new Workspace(input)) {
            MergedImage m = MergedImage.open(ws, archive);
            WasteReport r = WasteAnalysis.analyse(m.tree(), m.createdBy());
            if (format.json()) JsonOutput.write(WasteWriter.json(m.name(), r, top, m.tree().allFindings()), out);
            else WasteWriter.text(m.name(), r, top, out);
            out.flush();
            return ExitCodes.OK;
        }
    }
}
