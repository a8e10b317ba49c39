package io.strata.cli;

import io.strata.report.SetWriter;
import io.strata.session.Workspace;
import io.strata.session.SetRunner;
import io.strata.session.ExitCodes;
import io.strata.advise.AdviceReport;
import io.strata.advise.Advisor;
import io.strata.report.AdviceWriter;
import io.strata.report.JsonOutput;
import io.strata.report.SarifWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "advise", mixinStandardHelpOptions = true,
        description = "Optimization advice: what to change in the build, with the bytes each change would save, biggest first; for one image or each image of a set.")
public class AdviseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "ARCHIVE", description = "Saved image(s), or a folder of them; several form one set.")
    List<String> archives;

    @Mixin
    SarifFormatOption format;

    @Mixin
    InputOptions input;

    @Mixin
    AllImagesOption all;

    @Option(names = "--no-trunc", description = "Do not truncate paths and history steps.")
    boolean noTrunc;

    @Option(names = "--min-bytes", paramLabel = "N", defaultValue = "0",
            description = "Leave out advice that saves fewer than N bytes (advice that saves layers stays; default: ${DEFAULT-VALUE}).")
    long minBytes;

    @Override
    public Integer call() throws Exception {
        if (minBytes < 0) throw new UsageException("--min-bytes must not be negative");
        PrintWriter out = spec.commandLine().getOut();
        SarifWriter sarif = format.sarif() ? new SarifWriter("advise") : null;
        try (Workspace ws = new Workspace(input.options())) {
            int code = SetRunner.analysed(ws, archives, all.allImages, new SetWriter(format.json() || sarif != null,
                    sarif != null ? new PrintWriter(java.io.Writer.nullWriter()) : out,
                    spec.commandLine().getErr()), (image, sink) -> {
                        AdviceReport report = filter(Advisor.advise(image.adviceFacts()), minBytes);
                        if (sarif != null) {
                            sarif.advice(new SarifWriter.Where(image.archive().label(), image.name(), Optional.empty(),
                                    Optional.empty()), report);
                        } else {
                            new AdviceWriter(noTrunc).write(new AdviceWriter.Advised(image.name(), report), format.json(),
                                    sink);
                        }
                        return ExitCodes.OK;
                    });
            if (sarif != null) JsonOutput.write(sarif.document(), out);
            return code;
        } finally {
            out.flush();
        }
    }

    static AdviceReport filter(AdviceReport r, long minBytes) {
        if (minBytes == 0) return r;
        return new AdviceReport(r.advice().stream()
                .filter(x -> x.saving() == io.strata.advise.Advice.Saving.NONE
                        || (x.saving() == io.strata.advise.Advice.Saving.INFO ? x.evidenceBytes() : x.bytesSaved()) >= minBytes).toList(),
                r.logicalBytes(), r.securityFindings());
    }
}
