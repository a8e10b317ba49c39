package io.strata.cli;

import io.strata.report.SetWriter;
import io.strata.session.Workspace;
import io.strata.session.SetRunner;
import io.strata.session.ExitCodes;
import io.strata.analysis.waste.WasteAnalysis;
import io.strata.analysis.waste.WasteReport;
import io.strata.report.WasteWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "waste", mixinStandardHelpOptions = true,
        description = "Wasted bytes, duplicates and efficiency (with dive's figures beside Strata's), of one image or a set.")
public class WasteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "ARCHIVE", description = "Saved image(s), or a folder of them; several form one set.")
    List<String> archives;

    @Mixin
    FormatOption format;

    @Mixin
    InputOptions input;

    @Mixin
    AllImagesOption all;

    /** Rows of each list in text; JSON lists are complete unless --top is given (each says how many it left out). */
    private static final int TEXT_TOP = 10;

    @Option(names = "--top", paramLabel = "N",
            description = "Rows of each list (wasted paths, duplicate groups, dive's paths); 0 = all. Default: 10 in text, all in JSON.")
    Integer top;

    @Option(names = "--no-trunc", description = "Do not cut paths and history steps to fit the terminal's width.")
    boolean noTrunc;

    @Override
    public Integer call() throws Exception {
        if (top != null && top < 0) throw new UsageException("--top " + top + ": must be 0 (all) or more");
        int rows = top != null ? top : format.json() ? 0 : TEXT_TOP;
        PrintWriter out = spec.commandLine().getOut();
        try (Workspace ws = new Workspace(input.options())) {
            return SetRunner.analysed(ws, archives, all.allImages, new SetWriter(format.json(), out,
                    spec.commandLine().getErr()), (m, report) -> {
                        WasteReport r = WasteAnalysis.analyse(m.tree(), m.createdBy());
                        new WasteWriter(rows, noTrunc).write(new WasteWriter.Waste(m.name(), r, m.tree().allFindings()),
                                format.json(), report);
                        return ExitCodes.OK;
                    });
        } finally {
            out.flush();
        }
    }
}
