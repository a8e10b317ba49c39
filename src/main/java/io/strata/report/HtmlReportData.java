package io.strata.report;

import io.strata.advise.AdviceReport;
import io.strata.analysis.HistoryRow;
import io.strata.analysis.waste.LayerWaste;
import io.strata.analysis.waste.WasteReport;
import io.strata.archive.ImageArchive;
import io.strata.archive.ImageEntry;
import io.strata.diff.ImageDiff;
import io.strata.layer.LayerIndex;
import io.strata.model.Digest;
import io.strata.model.Finding;
import io.strata.packages.InstalledPackage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The data a report page embeds, as JSON-ready maps. The figures come from the same analyses the commands run,
 * and waste, advice and history through the commands' own JSON writers (lists cut to the biggest rows), so the
 * page and `--format json` agree.
 */
public final class HtmlReportData {
    public static final String GENERATOR = "strata 0.1.0";
    /** Rows of the long lists the page embeds; the commands list everything. */
    static final int TOP_ROWS = 500;
    static final int MAX_FINDINGS = 2000;

    private HtmlReportData() {
    }

    /**
     * The findings the page lists: strata verify's for the image ({@code verified}, with the archive's sha256 when
     * it is one file), or only those met while scanning.
     */
    public record Checks(boolean verified, List<Finding> findings, Optional<Digest> archiveSha256) {
        public Checks {
            findings = List.copyOf(findings);
        }

        long count(Finding.Severity s) {
            return findings.stream().filter(f -> f.severity() == s).count();
        }
    }

    /** Everything one image's page shows. */
    public record ImagePage(ImageArchive archive, ImageEntry image, List<LayerIndex.Totals> layers,
                            List<Optional<String>> createdBy, WasteReport waste, AdviceReport advice,
                            List<HistoryRow> history, Checks checks, TreemapBuilder.Node tree,
                            List<InstalledPackage> packages) {

        /** Sum of the layers' contentBytes: inspect's logicalBytes for the image. */
        public long logicalBytes() {
            return layers.stream().mapToLong(LayerIndex.Totals::contentBytes).sum();
        }
    }

    public static Map<String, Object> image(ImagePage p) {
        Map<String, Object> d = JsonOutput.document();
        d.put("kind", "image");
        d.put("generator", GENERATOR);
        d.put("archive", InspectWriter.archiveJson(p.archive()));
        d.put("image", image(p.image()));
        d.put("summary", summary(p));
        d.put("layers", layers(p));
        Map<String, Integer> owners = new java.util.LinkedHashMap<>();
        d.put("tree", TreemapBuilder.json(p.tree(), owners));
        d.put("treeOwners", List.copyOf(owners.keySet()));
        d.put("packages", p.packages().stream().map(pkg -> PackagesWriter.packageJson(pkg, false)).toList());
        d.put("waste", WasteWriter.json(p.image().displayName(), p.waste(), TOP_ROWS, List.of()));
        d.put("advice", AdviceWriter.json(p.image().displayName(), p.advice()));
        d.put("history", HistoryWriter.json(p.image().configDigest(), p.history(), HistoryWriter.SizeKind.CONTENT)
                .get("history"));
        d.put("config", ConfigWriter.json(p.image()));
        List<Finding> findings = p.checks().findings();
        d.put("findings", findings.stream().limit(MAX_FINDINGS).map(FindingsJson::of).toList());
        d.put("findingsOmitted", Math.max(0, findings.size() - MAX_FINDINGS));
        d.put("verified", p.checks().verified());
        d.put("archiveSha256", p.checks().archiveSha256().map(Digest::toString).orElse(null));
        d.put("security", p.advice().securityFindings().stream().map(FindingsJson::of).toList());
        return d;
    }

    /**
     * The diff page: strata diff's JSON document (every changed path unless {@code limit} > 0), and the two images'
     * sizes. The file rows carry their build steps as numbers into {@code steps} and no content digests or mtimes,
     * which the page does not show: 48,000 rows each repeating a long RUN line would make a page of many megabytes.
     */
    public static Map<String, Object> diff(ImageDiff diff, long logicalBytesA, long logicalBytesB, int limit) {
        Map<String, Object> d = JsonOutput.document();
        d.put("kind", "diff");
        d.put("generator", GENERATOR);
        Map<String, Object> json = new DiffWriter(false, limit, false).json(diff);
        d.put("steps", compactFiles(json));
        nameOwners(json, diff);
        d.put("diff", json);
        List<Object> sides = new ArrayList<>();
        for (long bytes : new long[]{logicalBytesA, logicalBytesB}) {
            Map<String, Object> m = JsonOutput.object();
            m.put("logicalBytes", bytes);
            sides.add(m);
        }
        d.put("sides", sides);
        return d;
    }

    /**
     * Gives each changed path the package that owns it ("package": "deb/libc6"): B's owner for a path B has, A's for
     * a removed one; none when the packages were not read or no package lists the path.
     */
    @SuppressWarnings("unchecked")
    private static void nameOwners(Map<String, Object> json, ImageDiff diff) {
        if (diff.a().packages().isEmpty() && diff.b().packages().isEmpty()) return;
        if (!(json.get("files") instanceof List<?> rows)) return;
        for (Object row : rows) {
            Map<String, Object> file = (Map<String, Object>) row;
            if (!(file.get("path") instanceof String path)) continue;
            String relative = path.startsWith("/") ? path.substring(1) : path;
            ImageDiff.Side side = file.get("after") != null ? diff.b() : diff.a();
            side.packages().flatMap(inventory -> inventory.ownerOf(relative))
                    .ifPresent(owner -> file.put("package", owner.label()));
        }
    }

    /** Replaces each file state's build step by its number in the returned list; drops sha256 and mtime. */
    @SuppressWarnings("unchecked")
    private static List<String> compactFiles(Map<String, Object> json) {
        Map<String, Integer> numbers = new java.util.LinkedHashMap<>();
        Object files = json.get("files");
        if (!(files instanceof List<?> rows)) return List.of();
        for (Object row : rows) {
            Map<String, Object> file = (Map<String, Object>) row;
            for (String side : List.of("before", "after", "removedBy")) {
                if (!(file.get(side) instanceof Map<?, ?> state)) continue;
                Map<String, Object> m = (Map<String, Object>) state;
                m.remove("sha256");
                m.remove("mtime");
                if (m.get("createdBy") instanceof String step) {
                    m.put("createdBy", numbers.computeIfAbsent(step, k -> numbers.size()));
                }
            }
        }
        return List.copyOf(numbers.keySet());
    }

    private static Map<String, Object> image(ImageEntry e) {
        Map<String, Object> m = JsonOutput.object();
        m.put("name", e.displayName());
        m.put("refs", e.refs());
        m.put("manifestDigest", e.manifestDigest().map(Digest::toString).orElse(null));
        m.put("configDigest", e.configDigest().toString());
        m.put("platform", e.platform().toString());
        return m;
    }

    private static Map<String, Object> summary(ImagePage p) {
        WasteReport w = p.waste();
        Map<String, Object> m = JsonOutput.object();
        m.put("logicalBytes", p.logicalBytes());
        m.put("squashedBytes", w.squashedBytes());
        m.put("wastedBytes", w.wastedBytes());
        m.put("efficiency", w.efficiency());
        m.put("duplicateBytes", w.duplicateBytes());
        m.put("layers", p.layers().size());
        m.put("compressedBytes", p.layers().stream().mapToLong(LayerIndex.Totals::compressedBytes).sum());
        m.put("files", p.tree().files());
        m.put("adviceCount", p.advice().advice().size());
        m.put("bytesSaved", p.advice().bytesSaved());
        Map<String, Object> f = JsonOutput.object();
        Checks c = p.checks();
        f.put("total", c.findings().size());
        f.put("errors", c.count(Finding.Severity.ERROR));
        f.put("warnings", c.count(Finding.Severity.WARNING));
        f.put("infos", c.count(Finding.Severity.INFO));
        f.put("passed", c.count(Finding.Severity.ERROR) == 0);
        f.put("security", p.advice().securityFindings().size());
        m.put("findings", f);
        return m;
    }

    private static List<Object> layers(ImagePage p) {
        List<Object> out = new ArrayList<>();
        List<LayerWaste> waste = p.waste().layers();
        for (int i = 0; i < p.layers().size(); i++) {
            LayerIndex.Totals t = p.layers().get(i);
            LayerWaste lw = i < waste.size() ? waste.get(i) : null;
            Map<String, Object> m = JsonOutput.object();
            m.put("index", i);
            m.put("digest", t.blobDigest().toString());
            m.put("diffId", t.diffId().toString());
            m.put("compression", t.compression().label());
            m.put("compressedBytes", t.compressedBytes());
            m.put("tarBytes", t.tarBytes());
            m.put("contentBytes", t.contentBytes());
            m.put("entries", t.entries());
            m.put("wastedBytes", lw == null ? 0 : lw.wastedBytes());
            m.put("hiddenBytes", lw == null ? 0 : lw.hiddenBytes());
            m.put("createdBy", i < p.createdBy().size() ? p.createdBy().get(i).orElse(null) : null);
            out.add(m);
        }
        return out;
    }
}
