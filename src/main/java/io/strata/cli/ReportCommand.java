package io.strata.cli;

import io.strata.session.Workspace;
import io.strata.session.DiffSession;
import io.strata.session.AnalysedImage;
import io.strata.session.ExitCodes;
import io.strata.advise.AdviceReport;
import io.strata.advise.Advisor;
import io.strata.advise.ImageFacts;
import io.strata.analysis.LayerAttribution;
import io.strata.analysis.waste.WasteAnalysis;
import io.strata.analysis.waste.WasteReport;
import io.strata.archive.ImageArchive;
import io.strata.archive.ImageEntry;
import io.strata.diff.AlignedLayer;
import io.strata.diff.DiffOptions;
import io.strata.diff.ImageDiff;
import io.strata.diff.LayerAlignment;
import io.strata.layer.LayerIndex;
import io.strata.model.Digest;
import io.strata.model.Finding;
import io.strata.report.HtmlReport;
import io.strata.report.HtmlReportData;
import io.strata.report.Sizes;
import io.strata.report.TreemapBuilder;
import io.strata.tree.FileTree;
import io.strata.tree.VisibleFile;
import io.strata.verify.ArchiveDigest;
import io.strata.verify.VerifyReport;
import io.strata.verify.Verifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "report", mixinStandardHelpOptions = true, description = {
        "One self-contained HTML page about an image, or about the diff of two.",
        "No network, no external files: summary, layer chart, a treemap of the "
                + "final filesystem coloured by layer, advice, wasted bytes, duplicates, history, config, findings.",
        "With two archives (A[#REF] B[#REF]) the page shows their diff instead."})
public class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..2", paramLabel = "ARCHIVE", description = "The image to report on; or two, A[#REF] and B[#REF], for a diff page.")
    List<String> archives;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
            description = "Where to write the page (- for standard output). Nothing else is written.")
    String output;

    @Mixin
    InputOptions input;

    @Option(names = "--treemap-nodes", paramLabel = "N", defaultValue = "4000",
            description = "Most blocks in the filesystem treemap; smaller files are grouped (default: ${DEFAULT-VALUE}).")
    int treemapNodes;

    @Option(names = "--no-verify", description = "Skip strata verify's checks (every blob read again for its digests); "
            + "the page then lists only what scanning the layers found.")
    boolean noVerify;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
            description = "Diff page: most changed paths listed; 0, the default, lists them all (the page shows "
                    + "them 200 to a page).")
    int limit;

    /** Files smaller than this share of the image are grouped in the treemap unless the budget allows more. */
    private static final double TREEMAP_MIN_SHARE = 0.0002;

    @Override
    public Integer call() throws Exception {
        if (treemapNodes < 10) throw new UsageException("--treemap-nodes must be at least 10");
        if (limit < 0) throw new UsageException("--limit must be 0 (all) or more");
        OutputTarget.check(output, archives);
        PrintWriter out = spec.commandLine().getOut();
        String title;
        Map<String, Object> data;
        try (Workspace ws = new Workspace(input.options())) {
            if (archives.size() == 1) {
                HtmlReportData.ImagePage page = imagePage(ws, archives.get(0));
                title = "Strata report: " + page.image().displayName();
                data = HtmlReportData.image(page);
            } else {
                ImageDiff diff = diff(ws);
                title = "Strata diff: " + diff.a().image().displayName() + " vs " + diff.b().image().displayName();
                data = diffData(diff);
            }
        }
        String page = HtmlReport.render(title, data);
        if ("-".equals(output)) {
            out.print(page);
            out.flush();
            // the writer swallows write errors: a page lost on the way is a failure, not exit 0
            if (out.checkError()) throw StandardOutput.failure();
            return ExitCodes.OK;
        }
        byte[] html = page.getBytes(StandardCharsets.UTF_8);
        try (OutputTarget target = OutputTarget.open(output, archives)) {
            target.stream().write(html);
            target.commit();
        }
        out.println("wrote " + output + " (" + Sizes.human(html.length) + "): " + title);
        out.flush();
        return ExitCodes.OK;
    }

    private HtmlReportData.ImagePage imagePage(Workspace ws, String path) throws Exception {
        AnalysedImage analysed = ws.analyseOne(path);
        ImageArchive a = analysed.archive();
        ImageEntry image = analysed.image();
        FileTree tree = analysed.tree();
        List<Optional<String>> createdBy = analysed.createdBy();
        WasteReport waste = WasteAnalysis.analyse(tree, createdBy);
        ImageFacts facts = analysed.adviceFacts();
        AdviceReport advice = Advisor.advise(facts);
        HtmlReportData.Checks checks = noVerify ? new HtmlReportData.Checks(false,
                withIntegrity(analysed.findings(), ws.integrityFindings()), Optional.empty())
                : verify(a, image, path);
        // the owners come from the same package inventory `strata files` and `packages` read
        var inventory = analysed.packages();
        TreemapBuilder.Node treemap = TreemapBuilder.build(facts.visibleFiles(), tree.layers().size(), treemapNodes,
                TREEMAP_MIN_SHARE, file -> inventory.ownerOf(file).map(pkg -> pkg.label()));
        List<LayerIndex.Totals> totals = analysed.layers().stream().map(LayerIndex::totals).toList();
        return new HtmlReportData.ImagePage(a, image, totals, createdBy, waste, advice, analysed.history(),
                checks, treemap, analysed.packages().packages());
    }

    /** What `strata verify` reports for this image: the archive's checks and the image's. */
    private HtmlReportData.Checks verify(ImageArchive a, ImageEntry image, String path) throws Exception {
        Optional<Digest> sha256 = "-".equals(path) ? Optional.empty() : ArchiveDigest.sha256(Path.of(path));
        VerifyReport.Archive summary = new VerifyReport.Archive(path, a.format(), a.bytes(), sha256);
        Verifier.Options options = input.verifierOptions();
        VerifyReport report = Verifier.verify(a, List.of(image), summary, options);
        return new HtmlReportData.Checks(true, report.allFindings().toList(), sha256);
    }

    /** Without verify: what the scans met, and any layer whose bytes differ from its claims. */
    private static List<Finding> withIntegrity(List<Finding> findings, List<Finding> integrity) {
        if (integrity.isEmpty()) return findings;
        List<Finding> all = new ArrayList<>(integrity);
        all.addAll(findings);
        return all;
    }

    private ImageDiff diff(Workspace ws) throws Exception {
        DiffTarget a = DiffTarget.parse(archives.get(0));
        DiffTarget b = DiffTarget.parse(archives.get(1));
        return DiffSession.run(ws, choice(a), choice(b), DiffOptions.DEFAULT.groupedBy(DiffOptions.GroupBy.FOLDER));
    }

    private DiffSession.Choice choice(DiffTarget t) throws UsageException {
        return new DiffSession.Choice(t.archive(), t.ref().or(input::image), input.platform());
    }

    private Map<String, Object> diffData(ImageDiff diff) {
        LayerAlignment layers = diff.layers().orElseThrow();
        long common = layers.common().stream().mapToLong(AlignedLayer::contentBytes).sum();
        long onlyA = layers.onlyInA().stream().mapToLong(AlignedLayer::contentBytes).sum();
        long onlyB = layers.onlyInB().stream().mapToLong(AlignedLayer::contentBytes).sum();
        return HtmlReportData.diff(diff, common + onlyA, common + onlyB, limit);
    }
}
