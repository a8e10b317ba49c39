package io.strata.cli;

import io.strata.advise.AdviceReport;
import io.strata.advise.Advisor;
import io.strata.analysis.Reports;
import io.strata.archive.ImageArchive;
import io.strata.archive.ImageEntry;
import io.strata.report.AdviceWriter;
import io.strata.report.JsonOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "advise", mixinStandardHelpOptions = true,
        description = "Optimization advice: what to change in the build, with the bytes each change would save, biggest first.")
public class AdviseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ARCHIVE")
    String archive;

    @Mixin
    FormatOption format;

    @Mixin
    InputOptions input;

    @Option(names = "--no-trunc", description = "Do not truncate paths and history steps.")
    boolean noTrunc;

    @Option(names = "--min-bytes", paramLabel = "N", defaultValue = "0",
            description = "Leave out advice that saves fewer than N bytes (advice that saves layers stays; default: ${DEFAULT-VALUE}).")
    long minBytes;

    @Override
    public Integer call() throws Exception {
        if (minBytes < 0) throw new UsageException("--min-bytes must not be negative");
        PrintWriter out = spec.commandLine().getOut();
        try (Workspace ws = new Workspace(input)) {
            ImageArchive a = ws.open(archive);
            ImageEntry image = ws.select(a);
            Reports.ScannedImage scanned = ws.scan(a, image);
            var facts = AdviceInputs.facts(a, scanned, ws.tree(scanned), input.maxInflateRatio);
            AdviceReport report = filter(Advisor.advise(facts), minBytes);
            if (format.json()) JsonOutput.write(AdviceWriter.json(image.displayName(), report), out);
            else AdviceWriter.text(image.displayName(), report, noTrunc, out);
            out.flush();
            return ExitCodes.OK;
        }
    }

    static AdviceReport filter(AdviceReport r, long minBytes) {
        if (minBytes == 0) return r;
        return new AdviceReport(r.advice().stream()
                .filter(x -> x.saving() == io.strata.advise.Advice.Saving.NONE || x.bytesSaved() >= minBytes).toList(),
                r.logicalBytes(), r.securityFindings());
    }
}
