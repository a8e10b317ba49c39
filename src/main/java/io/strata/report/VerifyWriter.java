package io.strata.report;

import io.strata.model.Digest;
import io.strata.model.Finding;
import io.strata.verify.ImageVerdict;
import io.strata.verify.LayerVerdict;
import io.strata.verify.VerifyReport;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * `strata verify`: the evidence as an audit can file it (JSON) or a person can read it (text).
 *
 * <p>Components: {@code noTrunc}: full digests in text; {@code quiet}: text prints only errors, warnings and the
 * result line.
 */
public record VerifyWriter(boolean noTrunc, boolean quiet) implements ResultWriter<VerifyReport> {
    @Override
    public void text(VerifyReport report, PrintWriter out) {
        text(report, noTrunc, quiet, out);
    }

    /** A set of archives counts those that failed, and the error and warning findings of all. */
    @Override
    public Map<String, Long> setFigures(VerifyReport report) {
        Map<String, Long> figures = new LinkedHashMap<>();
        figures.put("failedArchives", report.passed() ? 0L : 1L);
        figures.put("errors", (long) report.count(Finding.Severity.ERROR));
        figures.put("warnings", (long) report.count(Finding.Severity.WARNING));
        return figures;
    }

    @Override
    public Map<String, Object> json(VerifyReport report) {
        Map<String, Object> doc = JsonOutput.document();
        VerifyReport.Archive a = report.archive();
        Map<String, Object> archive = JsonOutput.object();
        archive.put("path", a.path());
        archive.put("format", a.format());
        archive.put("bytes", a.bytes());
        archive.put("sha256", a.sha256().map(Digest::toString).orElse(null));
        doc.put("archive", archive);
        doc.put("passed", report.passed());
        doc.put("errors", report.count(Finding.Severity.ERROR));
        doc.put("warnings", report.count(Finding.Severity.WARNING));
        doc.put("infos", report.count(Finding.Severity.INFO));
        List<Object> images = new ArrayList<>();
        for (ImageVerdict image : report.images()) images.add(image(image));
        doc.put("images", images);
        doc.put("findings", findings(report.findings()));
        return doc;
    }

    private static Map<String, Object> image(ImageVerdict image) {
        Map<String, Object> m = JsonOutput.object();
        m.put("name", image.name());
        m.put("refs", image.refs());
        m.put("kind", image.kind());
        m.put("platform", image.platform());
        m.put("manifestDigest", image.manifestDigest().map(Digest::toString).orElse(null));
        m.put("configDigest", image.configDigest().toString());
        m.put("passed", image.findings().stream().noneMatch(f -> f.severity() == Finding.Severity.ERROR));
        List<Object> layers = new ArrayList<>();
        for (LayerVerdict l : image.layers()) {
            Map<String, Object> lm = JsonOutput.object();
            lm.put("index", l.index());
            lm.put("status", l.status().label());
            lm.put("mediaType", l.mediaType());
            lm.put("blob", l.blob());
            lm.put("declaredDigest", text(l.declaredDigest()));
            lm.put("declaredSize", l.declaredSize().orElse(null));
            lm.put("storedBytes", l.storedBytes().orElse(null));
            lm.put("digest", text(l.contentDigest()));
            lm.put("compression", l.compression().map(c -> c.label()).orElse(null));
            lm.put("diffId", text(l.diffId()));
            lm.put("configDiffId", text(l.configDiffId()));
            lm.put("chainId", text(l.chainId()));
            lm.put("nonDistributable", l.nonDistributable());
            layers.add(lm);
        }
        m.put("layers", layers);
        m.put("findings", findings(image.findings()));
        return m;
    }

    private static List<Object> findings(List<Finding> findings) {
        List<Object> out = new ArrayList<>();
        for (Finding f : findings) out.add(FindingsJson.of(f));
        return out;
    }

    private static String text(Optional<Digest> d) {
        return d.map(Digest::toString).orElse(null);
    }

    /** Quiet prints only errors, warnings and the result line. */
    private static void text(VerifyReport report, boolean noTrunc, boolean quiet, PrintWriter out) {
        VerifyReport.Archive a = report.archive();
        if (!quiet) {
            out.println("ARCHIVE   " + a.path());
            out.println("FORMAT    " + a.format());
            out.println("SIZE      " + Sizes.human(a.bytes()) + " (" + a.bytes() + " bytes)");
            out.println("SHA256    " + a.sha256().map(Digest::toString).orElse("(not one file)"));
            printFindings(report.findings(), false, out);
        } else {
            printFindings(report.findings(), true, out);
        }
        for (ImageVerdict image : report.images()) {
            if (!quiet) {
                out.println();
                out.println("IMAGE     " + image.name() + (image.kind().equals("image") ? "" : " (" + image.kind() + ")")
                        + "   " + image.platform());
                out.println("CONFIG    " + image.configDigest());
                image.manifestDigest().ifPresent(d -> out.println("MANIFEST  " + d));
                layerTable(image, noTrunc, out);
            }
            printFindings(image.findings(), quiet, out);
        }
        if (!quiet) out.println();
        out.println(result(report));
    }

    private static void layerTable(ImageVerdict image, boolean noTrunc, PrintWriter out) {
        TextTable t = new TextTable("LAYER", "STATUS", "DIGEST", "DIFF ID", "CHAIN ID", "SIZE").rightAlign(5);
        for (LayerVerdict l : image.layers()) {
            t.row(l.index(), l.status().label(), digest(l.contentDigest(), noTrunc), digest(l.diffId(), noTrunc),
                    digest(l.chainId(), noTrunc), l.storedBytes().map(Sizes::human).orElse("-"));
        }
        t.print(out);
    }

    private static String digest(Optional<Digest> d, boolean noTrunc) {
        return d.map(x -> noTrunc ? x.toString() : x.algorithm() + ":" + x.shortHex()).orElse("-");
    }

    private static void printFindings(List<Finding> findings, boolean onlySerious, PrintWriter out) {
        for (Finding f : findings) {
            if (onlySerious && f.severity() == Finding.Severity.INFO) continue;
            out.println(FindingsJson.line(f));
        }
    }

    static String result(VerifyReport report) {
        long errors = report.count(Finding.Severity.ERROR);
        long warnings = report.count(Finding.Severity.WARNING);
        long infos = report.count(Finding.Severity.INFO);
        return "RESULT    " + (report.passed() ? "PASSED" : "FAILED") + ": " + errors + plural(" error", errors) + ", "
                + warnings + plural(" warning", warnings) + ", " + infos + " info";
    }

    private static String plural(String word, long n) {
        return n == 1 ? word : word + "s";
    }
}
