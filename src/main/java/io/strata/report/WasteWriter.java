package io.strata.report;

import io.strata.analysis.Percent;
import io.strata.analysis.waste.DiveFigures;
import io.strata.analysis.waste.DivePath;
import io.strata.analysis.waste.DuplicateGroup;
import io.strata.analysis.waste.LayerWaste;
import io.strata.analysis.waste.WasteReport;
import io.strata.analysis.waste.WastedPath;
import io.strata.model.Finding;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * `strata waste` output; {@code top} limits each list (0 = everything).
 *
 * <p>Components: {@code top} rows of each list, 0 for all (text and JSON); {@code noTrunc}: paths uncut in text.
 */
public record WasteWriter(int top, boolean noTrunc) implements ResultWriter<WasteWriter.Waste> {
    /** waste's result: one image's waste report and the findings of its merged tree. */
    public record Waste(String image, WasteReport report, List<Finding> findings) {
    }

    @Override
    public Map<String, Object> json(Waste result) {
        return json(result.image(), result.report(), top, result.findings());
    }

    @Override
    public void text(Waste result, PrintWriter out) {
        text(result.image(), result.report(), top, noTrunc, out);
    }

    @Override
    public Map<String, Long> setFigures(Waste result) {
        return Map.of("wastedBytes", result.report().wastedBytes());
    }

    public static Map<String, Object> json(String image, WasteReport r, int top, List<Finding> findings) {
        Map<String, Object> doc = JsonOutput.document();
        doc.put("image", image);
        doc.put("logicalBytes", r.logicalBytes());
        doc.put("squashedBytes", r.squashedBytes());
        doc.put("wastedBytes", r.wastedBytes());
        doc.put("efficiency", r.efficiency());
        doc.put("duplicateBytes", r.duplicateBytes());
        doc.put("hardlinkKeptBytes", r.hardlinkKeptBytes());
        List<Object> wasted = new ArrayList<>();
        for (WastedPath w : limit(r.wasted(), top)) {
            Map<String, Object> m = JsonOutput.object();
            JsonOutput.putName(m, "path", w.path());
            m.put("type", w.kind().label());
            m.put("bytes", w.bytes());
            m.put("layer", w.layer());
            m.put("hiddenBy", w.hiddenBy());
            m.put("reason", w.reason().label());
            m.put("layerCreatedBy", w.layerStep().orElse(null));
            m.put("hiddenByCreatedBy", w.hiddenByStep().orElse(null));
            wasted.add(m);
        }
        doc.put("wasted", wasted);
        doc.put("wastedPaths", r.wasted().size());
        doc.put("wastedOmitted", r.wasted().size() - wasted.size());
        List<Object> dups = new ArrayList<>();
        for (DuplicateGroup g : limit(r.duplicates(), top)) {
            Map<String, Object> m = JsonOutput.object();
            m.put("sha256", g.sha256().toString());
            m.put("size", g.size());
            m.put("copies", g.copies());
            m.put("wastedBytes", g.wastedBytes());
            m.put("paths", g.paths());
            JsonOutput.putNames(m, "pathsBytes", g.paths());
            dups.add(m);
        }
        doc.put("duplicates", dups);
        doc.put("duplicateGroups", r.duplicates().size());
        doc.put("duplicatesOmitted", r.duplicates().size() - dups.size());
        List<Object> layers = new ArrayList<>();
        for (LayerWaste l : r.layers()) {
            Map<String, Object> m = JsonOutput.object();
            m.put("index", l.layer());
            m.put("contentBytes", l.contentBytes());
            m.put("wastedBytes", l.wastedBytes());
            m.put("hiddenBytes", l.hiddenBytes());
            m.put("createdBy", l.createdBy().orElse(null));
            layers.add(m);
        }
        doc.put("layers", layers);
        doc.put("dive", diveJson(r.dive(), top));
        doc.put("findings", findings.stream().map(FindingsJson::of).toList());
        return doc;
    }

    static Map<String, Object> diveJson(DiveFigures d, int top) {
        Map<String, Object> m = JsonOutput.object();
        m.put("efficiency", d.efficiency());
        m.put("wastedBytes", d.wastedBytes());
        m.put("userWastedPercent", finite(d.userWastedPercent()));
        m.put("sizeBytes", d.sizeBytes());
        m.put("userSizeBytes", d.userSizeBytes());
        List<Object> paths = new ArrayList<>();
        for (DivePath p : limit(d.inefficient(), top)) {
            Map<String, Object> pm = JsonOutput.object();
            JsonOutput.putName(pm, "path", "/" + p.path());
            pm.put("count", p.count());
            pm.put("bytes", p.cumulativeBytes());
            paths.add(pm);
        }
        m.put("inefficient", paths);
        m.put("inefficientPaths", d.inefficient().size());
        m.put("inefficientOmitted", d.inefficient().size() - paths.size());
        return m;
    }

    /** JSON has no NaN or infinity (dive divides by zero when only the base layer has bytes). */
    static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static void text(String image, WasteReport r, int top, boolean noTrunc, PrintWriter out) {
        out.printf("Image: %s%n", image);
        figure(out, "logicalBytes", Sizes.human(r.logicalBytes()), r.logicalBytes() + " bytes in the layers");
        figure(out, "squashedBytes", Sizes.human(r.squashedBytes()), r.squashedBytes()
                + " bytes visible in the final filesystem");
        figure(out, "wastedBytes", Sizes.human(r.wastedBytes()), r.wastedBytes() + " bytes stored but hidden by later layers");
        figure(out, "efficiency", percent(r.efficiency()), "squashed / logical");
        figure(out, "duplicateBytes", Sizes.human(r.duplicateBytes()), r.duplicateBytes()
                + " bytes in visible files whose content is stored at another path too");
        if (r.hardlinkKeptBytes() > 0) {
            TextWidth.println(out, "  ", "(hardlink adjustment: " + r.hardlinkKeptBytes() + " bytes of hidden files are"
                    + " still visible through a hardlink; counted as squashed, not wasted)");
        }
        TextWidth.println(out, "  dive's figures  ", diveText(r.dive()) + " (dive's rules, see README)");

        out.println();
        out.printf("Wasted paths (%s):%n", count(r.wasted().size(), top));
        if (r.wasted().isEmpty()) {
            out.println("  none");
        } else {
            TextTable t = new TextTable("SIZE", "PATH", "HELD IN", "HIDDEN BY", "WHY").rightAlign(0)
                    .fitPath(1, 16, 0).fit(2, 8, 42).fit(3, 8, 42).noTrunc(noTrunc);
            for (WastedPath w : limit(r.wasted(), top)) {
                t.row(Sizes.human(w.bytes()), w.path(), step(w.layer(), w.layerStep()),
                        step(w.hiddenBy(), w.hiddenByStep()), w.reason().label());
            }
            t.print(out);
        }

        out.println();
        out.printf("Duplicate contents (%s):%n", count(r.duplicates().size(), top));
        if (r.duplicates().isEmpty()) {
            out.println("  none");
        } else {
            TextTable t = new TextTable("WASTED", "SIZE", "COPIES", "SHA256", "PATHS").rightAlign(0).rightAlign(1)
                    .rightAlign(2).fit(4, 16, 0).noTrunc(noTrunc);
            for (DuplicateGroup g : limit(r.duplicates(), top)) {
                t.row(Sizes.human(g.wastedBytes()), Sizes.human(g.size()), g.copies(), g.sha256().shortHex(),
                        String.join(" ", g.paths()));
            }
            t.print(out);
        }

        out.println();
        out.println("Waste per layer (WASTED: its bytes hidden later; HIDES: lower bytes it hid):");
        TextTable t = new TextTable("#", "CONTENT", "WASTED", "HIDES", "CREATED BY").rightAlign(0).rightAlign(1)
                .rightAlign(2).rightAlign(3).fit(4, 12, 60).noTrunc(noTrunc);
        for (LayerWaste l : r.layers()) {
            t.row(l.layer(), Sizes.human(l.contentBytes()), Sizes.human(l.wastedBytes()), Sizes.human(l.hiddenBytes()),
                    l.createdBy().orElse("").replace('\t', ' ').replace('\n', ' '));
        }
        t.print(out);
    }

    /** "  wastedBytes     1.05MB  1048696 bytes stored ...", the words wrapped under themselves. */
    private static void figure(PrintWriter out, String name, String value, String words) {
        TextWidth.println(out, String.format(Locale.ROOT, "  %-15s %10s  ", name, value), words);
    }

    private static String step(int layer, Optional<String> createdBy) {
        return layer + createdBy.map(s -> " " + s.replace('\t', ' ').replace('\n', ' ')).orElse("");
    }

    private static String count(int size, int top) {
        return top > 0 && size > top ? "top " + top + " of " + size : Integer.toString(size);
    }

    static String percent(double ratio) {
        return Percent.of(ratio);
    }

    /** dive's three figures for people: userWastedPercent is a ratio despite its name, shown as a percentage. */
    static String diveText(DiveFigures d) {
        return "efficiency " + Percent.of(d.efficiency()) + ", wastedBytes " + Sizes.human(d.wastedBytes()) + " ("
                + d.wastedBytes() + " B), userWastedPercent " + Percent.of(d.userWastedPercent())
                + " (a ratio: wasted / bytes of layers 1..n)";
    }

    static <T> List<T> limit(List<T> list, int top) {
        return top > 0 && list.size() > top ? list.subList(0, top) : list;
    }
}
