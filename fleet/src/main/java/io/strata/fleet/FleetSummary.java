package io.strata.fleet;

import io.strata.report.JsonOutput;
import io.strata.report.Sizes;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The fleet's summary on standard output, as text or as one JSON document. */
final class FleetSummary {
    private FleetSummary() {
    }

    /** A layer (one diffId, whatever blobs store it) used by several images, and the images that use it. */
    record SharedLayer(String diffId, long contentBytes, int blobs, List<String> images) {
    }

    static List<SharedLayer> topShared(FleetReport r, int top) {
        Map<String, List<String>> users = new LinkedHashMap<>();
        Map<String, Long> bytes = new LinkedHashMap<>();
        Map<String, java.util.Set<String>> blobs = new LinkedHashMap<>();
        for (FleetReport.ImageLayer u : r.imageLayers()) {
            List<String> names = users.computeIfAbsent(u.diffId(), k -> new ArrayList<>());
            String name = u.archive() + " [" + u.position() + "] " + u.image();
            if (!names.contains(name)) names.add(name);
            bytes.put(u.diffId(), u.contentBytes());
            blobs.computeIfAbsent(u.diffId(), k -> new java.util.HashSet<>()).add(u.blobKey());
        }
        return users.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .map(e -> new SharedLayer(e.getKey(), bytes.get(e.getKey()), blobs.get(e.getKey()).size(),
                        e.getValue()))
                .sorted(Comparator.comparingInt((SharedLayer s) -> s.images().size()).reversed()
                        .thenComparing(Comparator.comparingLong(SharedLayer::contentBytes).reversed())
                        .thenComparing(SharedLayer::diffId))
                .limit(top).toList();
    }

    static List<FleetReport.ImageFigures> topWasted(FleetReport r, int top) {
        return r.images().stream().filter(i -> i.wastedBytes() > 0)
                .sorted(Comparator.comparingLong(FleetReport.ImageFigures::wastedBytes).reversed()
                        .thenComparing(FleetReport.ImageFigures::archive)
                        .thenComparingInt(FleetReport.ImageFigures::position))
                .limit(top).toList();
    }

    static void text(FleetReport r, int top, String outDir, PrintWriter out) {
        FleetReport.Totals t = r.totals();
        out.printf("Fleet: %s%s, %s%s, %s (%s)%n", count(t.archives(), "archive"),
                t.archivesFailed() > 0 ? " (" + t.archivesFailed() + " unreadable)" : "", count(t.images(), "image"),
                t.imagesFailed() > 0 ? " (" + t.imagesFailed() + " not analysed)" : "",
                count(t.distinctLayers(), "distinct layer"), count(t.distinctBlobs(), "distinct blob"));
        out.printf("Bytes: %s logical, %s real (each layer once), %s distinct file content, %s stored%n",
                Sizes.human(t.logicalBytes()), Sizes.human(t.realBytes()), Sizes.human(t.contentDedupBytes()),
                Sizes.human(t.storedBytes()));
        out.printf("Merged: %s squashed, %s wasted, %s duplicate%n", Sizes.human(t.squashedBytes()),
                Sizes.human(t.wastedBytes()), Sizes.human(t.duplicateBytes()));
        List<SharedLayer> shared = topShared(r, top);
        if (!shared.isEmpty()) {
            out.println();
            out.println("Top shared layers:");
            for (SharedLayer s : shared) {
                out.printf("  %s  %s, used by %s: %s%n", shortDigest(s.diffId()), Sizes.human(s.contentBytes()),
                        count(s.images().size(), "image"), names(s.images()));
            }
        }
        List<FleetReport.ImageFigures> wasted = topWasted(r, top);
        if (!wasted.isEmpty()) {
            out.println();
            out.println("Top wasted images:");
            for (FleetReport.ImageFigures i : wasted) {
                out.printf("  %s wasted (efficiency %.1f %%)  %s [%d] %s%n", Sizes.human(i.wastedBytes()),
                        100 * i.efficiency(), i.archive(), i.position(), i.image());
            }
        }
        if (!r.packagesByEcosystem().isEmpty()) {
            out.println();
            out.println("Packages by ecosystem (installs in images, distinct name and version):");
            r.packagesByEcosystem().forEach((e, c) -> out.printf("  %-8s %d installs, %d distinct%n", e,
                    c.installs(), c.distinct()));
        }
        if (!r.errors().isEmpty()) {
            out.println();
            out.println(count(r.errors().size(), "error") + " (the errors table; each also on standard error)");
        }
        if (outDir != null) {
            out.println();
            out.println("Tables (Parquet): " + outDir + "/{" + String.join(",", FleetTables.NAMES) + "}");
        }
        out.flush();
    }

    static void json(FleetReport r, int top, String outDir, PrintWriter out) {
        FleetReport.Totals t = r.totals();
        Map<String, Object> doc = JsonOutput.document();
        Map<String, Object> fleet = JsonOutput.object();
        fleet.put("archives", t.archives());
        fleet.put("archivesFailed", t.archivesFailed());
        fleet.put("images", t.images());
        fleet.put("imagesFailed", t.imagesFailed());
        fleet.put("distinctLayers", t.distinctLayers());
        fleet.put("distinctBlobs", t.distinctBlobs());
        fleet.put("blobsFailed", t.blobsFailed());
        fleet.put("logicalBytes", t.logicalBytes());
        fleet.put("realBytes", t.realBytes());
        fleet.put("contentDedupBytes", t.contentDedupBytes());
        fleet.put("storedBytes", t.storedBytes());
        fleet.put("squashedBytes", t.squashedBytes());
        fleet.put("wastedBytes", t.wastedBytes());
        fleet.put("duplicateBytes", t.duplicateBytes());
        fleet.put("errors", t.errors());
        doc.put("fleet", fleet);
        List<Object> shared = new ArrayList<>();
        for (SharedLayer s : topShared(r, top)) {
            Map<String, Object> m = JsonOutput.object();
            m.put("diffId", s.diffId());
            m.put("contentBytes", s.contentBytes());
            m.put("blobs", s.blobs());
            m.put("images", s.images());
            shared.add(m);
        }
        doc.put("topSharedLayers", shared);
        List<Object> wasted = new ArrayList<>();
        for (FleetReport.ImageFigures i : topWasted(r, top)) {
            Map<String, Object> m = JsonOutput.object();
            m.put("archive", i.archive());
            m.put("position", i.position());
            m.put("image", i.image());
            m.put("wastedBytes", i.wastedBytes());
            m.put("efficiency", i.efficiency());
            wasted.add(m);
        }
        doc.put("topWastedImages", wasted);
        Map<String, Object> packages = JsonOutput.object();
        r.packagesByEcosystem().forEach((e, c) -> {
            Map<String, Object> m = JsonOutput.object();
            m.put("installs", c.installs());
            m.put("distinct", c.distinct());
            packages.put(e, m);
        });
        doc.put("packagesByEcosystem", packages);
        List<Object> errors = new ArrayList<>();
        for (FleetError e : r.errors()) {
            Map<String, Object> m = JsonOutput.object();
            m.put("archive", e.archive());
            m.put("image", e.image());
            m.put("layer", e.layer());
            m.put("stage", e.stage());
            m.put("message", e.message());
            errors.add(m);
        }
        doc.put("errors", errors);
        doc.put("tables", outDir);
        JsonOutput.write(doc, out);
        out.flush();
    }

    private static String names(List<String> images) {
        if (images.size() <= 3) return String.join(", ", images);
        return String.join(", ", images.subList(0, 3)) + " and " + (images.size() - 3) + " more";
    }

    private static String shortDigest(String digest) {
        if (digest == null) return "?";
        int colon = digest.indexOf(':');
        return digest.substring(0, Math.min(digest.length(), colon + 13));
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
