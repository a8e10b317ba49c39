package io.strata.report;

import io.strata.model.Finding;
import io.strata.packages.InstalledPackage;
import io.strata.packages.PackageLayer;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * `strata packages` output: one row per package, its layers and bytes; JSON per DESIGN section 7.
 *
 * <p>Components: {@code paths}: each package's files listed too (--files).
 */
public record PackagesWriter(boolean paths) implements ResultWriter<PackagesWriter.Packages> {
    /** packages' result: one image's packages as chosen and sorted, and the inventory's findings. */
    public record Packages(String image, List<InstalledPackage> packages, List<Finding> findings) {
    }

    @Override
    public Map<String, Object> json(Packages result) {
        return json(result.image(), result.packages(), paths, result.findings());
    }

    @Override
    public void text(Packages result, PrintWriter out) {
        text(result.packages(), paths, result.findings(), out);
    }

    @Override
    public Map<String, Long> setFigures(Packages result) {
        return Map.of("packages", (long) result.packages().size());
    }

    private static Map<String, Object> json(String image, List<InstalledPackage> packages, boolean paths,
                                            List<Finding> findings) {
        Map<String, Object> doc = JsonOutput.document();
        doc.put("image", image);
        doc.put("packages", JsonOutput.lazyArray(packages, p -> packageJson(p, paths)));
        doc.put("findings", findings.stream().map(FindingsJson::of).toList());
        return doc;
    }

    /** One package; {@code files} is the count of its visible files, {@code paths} lists them when asked. */
    public static Map<String, Object> packageJson(InstalledPackage p, boolean paths) {
        Map<String, Object> m = JsonOutput.object();
        m.put("ecosystem", p.ecosystem().wire());
        m.put("name", p.name());
        m.put("version", p.version());
        m.put("arch", p.arch().orElse(null));
        m.put("purl", p.purl().isEmpty() ? null : p.purl());
        m.put("source", p.declared().source().orElse(null));
        m.put("licenses", p.declared().licenses());
        m.put("layer", layerJson(p.layer()));
        m.put("lastChangedLayer", layerJson(p.lastChangedLayer()));
        m.put("files", p.files().size());
        if (paths) m.put("paths", p.files());
        m.put("bytes", p.bytes());
        m.put("hiddenBytes", p.hiddenBytes());
        m.put("location", p.declared().location());
        m.put("auto", p.declared().auto().orElse(null));
        m.put("dev", p.declared().dev());
        m.put("requiredBy", p.requiredBy());
        m.put("recommendedBy", p.recommendedBy());
        return m;
    }

    /** A layer as {"index","diffId","createdBy"}: its position, identity and the history step that made it. */
    public static Map<String, Object> layerJson(PackageLayer l) {
        Map<String, Object> m = JsonOutput.object();
        m.put("index", l.index());
        m.put("diffId", l.diffId().toString());
        m.put("createdBy", l.createdBy().orElse(null));
        return m;
    }

    private static void text(List<InstalledPackage> packages, boolean paths, List<Finding> findings, PrintWriter out) {
        TextTable t = new TextTable("ECOSYSTEM", "NAME", "VERSION", "ARCH", "LAYER", "CHANGED", "FILES", "SIZE",
                "CREATED BY").rightAlign(4).rightAlign(5).rightAlign(6).rightAlign(7);
        long bytes = 0;
        Map<String, Integer> perEcosystem = new TreeMap<>();
        for (InstalledPackage p : packages) {
            t.row(p.ecosystem().wire(), p.name(), p.version(), p.arch().orElse("-"), p.layer().index(),
                    p.lastChangedLayer().index(), p.files().size(), Sizes.human(p.bytes()),
                    shorten(p.layer().createdBy().orElse("")));
            bytes += p.bytes();
            perEcosystem.merge(p.ecosystem().wire(), 1, Integer::sum);
        }
        t.print(out);
        StringBuilder summary = new StringBuilder();
        perEcosystem.forEach((k, v) -> summary.append(summary.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
        out.println();
        out.println(packages.size() + " package" + (packages.size() == 1 ? "" : "s")
                + (summary.length() == 0 ? "" : " (" + summary + ")") + ", " + Sizes.human(bytes) + " in their files");
        if (paths) {
            for (InstalledPackage p : packages) {
                out.println();
                out.println(p.label() + ":");
                for (String f : p.files()) out.println("  " + f);
            }
        }
        for (Finding f : findings) out.println(FindingsJson.line(f));
    }

    private static String shorten(String s) {
        String flat = s.replace('\n', ' ');
        return flat.length() > 60 ? flat.substring(0, 57) + "..." : flat;
    }
}
