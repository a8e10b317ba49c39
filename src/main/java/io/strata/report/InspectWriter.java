package io.strata.report;

import io.strata.analysis.ImageReport;
import io.strata.analysis.LayerReport;
import io.strata.analysis.SetReport;
import io.strata.archive.ImageArchive;
import io.strata.archive.ImageEntry;
import io.strata.model.Compression;
import io.strata.model.Digest;
import io.strata.model.MediaType;
import io.strata.model.Finding;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * `strata inspect` output: archives, images, layers and sizes, as text or JSON.
 *
 * <p>Components: {@code noTrunc}: digests and steps uncut in text.
 */
public record InspectWriter(boolean noTrunc) implements ResultWriter<InspectWriter.Inspected> {
    /**
     * inspect's result: the archives, the sizes of their images and of the set, and for a set the entries of the
     * archives that could not be read (report.SetWriter.failure), which its JSON lists.
     */
    public record Inspected(List<ImageArchive> archives, SetReport set, long contentDedupBytes,
                            Optional<List<Object>> failures) {
    }

    @Override
    public Map<String, Object> json(Inspected result) {
        Map<String, Object> doc = json(result.archives(), result.set(), result.contentDedupBytes());
        result.failures().ifPresent(f -> doc.put("failures", f));
        return doc;
    }

    @Override
    public void text(Inspected result, PrintWriter out) {
        text(result.archives(), result.set(), result.contentDedupBytes(), noTrunc, out);
    }

    private static Map<String, Object> json(List<ImageArchive> archives, SetReport set, long contentDedupBytes) {
        Map<String, Object> doc = JsonOutput.document();
        if (archives.size() == 1) doc.put("archive", archiveJson(archives.get(0)));
        else doc.put("archives", archives.stream().map(InspectWriter::archiveJson).toList());
        doc.put("logicalBytes", set.logicalBytes());
        doc.put("realBytes", set.realBytes());
        doc.put("contentDedupBytes", contentDedupBytes);
        List<Object> images = new ArrayList<>();
        for (ImageReport r : set.images()) {
            Map<String, Object> image = imageJson(r);
            if (archives.size() > 1) image.put("archive", archiveOf(r, archives));
            images.add(image);
        }
        doc.put("images", images);
        List<Object> findings = new ArrayList<>();
        for (ImageArchive a : archives) a.findings().forEach(f -> findings.add(FindingsJson.of(f)));
        for (ImageReport r : set.images()) r.image().findings().forEach(f -> findings.add(FindingsJson.of(f)));
        doc.put("findings", findings);
        return doc;
    }

    /** The archive as inspect describes it: path, format, bytes (reusable by other writers). */
    public static Map<String, Object> archiveJson(ImageArchive a) {
        Map<String, Object> m = JsonOutput.object();
        m.put("path", a.label());
        m.put("format", a.format());
        m.put("bytes", a.bytes());
        return m;
    }

    static Map<String, Object> imageJson(ImageReport r) {
        ImageEntry e = r.image();
        Map<String, Object> m = JsonOutput.object();
        m.put("position", e.position());
        m.put("kind", e.kind().name().toLowerCase());
        m.put("refs", e.refs());
        m.put("manifestDigest", e.manifestDigest().map(Digest::toString).orElse(null));
        m.put("manifestMediaType", e.manifestMediaType().orElse(null));
        m.put("configDigest", e.configDigest().toString());
        m.put("configMediaType", e.configMediaType());
        m.put("platform", e.platform().toString());
        m.put("created", e.config().created().orElse(null));
        if (e.kind() == ImageEntry.Kind.IMAGE) m.put("config", ConfigWriter.json(e));
        m.put("layerCount", r.layers().size());
        m.put("logicalBytes", r.logicalBytes());
        m.put("sharedBytes", r.sharedBytes());
        m.put("uniqueBytes", r.uniqueBytes());
        m.put("storedBytes", r.storedBytes());
        List<Object> layers = new ArrayList<>();
        for (LayerReport l : r.layers()) {
            Map<String, Object> lm = JsonOutput.object();
            lm.put("index", l.index());
            lm.put("status", l.status().label());
            lm.put("digest", l.digest().map(Digest::toString).orElse(null));
            lm.put("diffId", l.diffId().map(Digest::toString).orElse(null));
            lm.put("mediaType", l.mediaType());
            lm.put("compression", l.compression().map(Compression::label).orElse(null));
            lm.put("compressedBytes", l.compressedBytes().orElse(null));
            lm.put("tarBytes", l.tarBytes().orElse(null));
            lm.put("contentBytes", l.contentBytes().orElse(null));
            lm.put("entries", l.entries().orElse(null));
            lm.put("shared", l.sharedWithOtherImage());
            lm.put("createdBy", l.createdBy().orElse(null));
            layers.add(lm);
        }
        m.put("layers", layers);
        return m;
    }

    private static void text(List<ImageArchive> archives, SetReport set, long contentDedupBytes, boolean noTrunc,
                             PrintWriter out) {
        for (ImageArchive a : archives) {
            // each archive heads its own images: positions ([0], [1]) count within one archive
            out.printf("Archive: %s (%s, %s)%n", a.label(), a.format(), Sizes.human(a.bytes()));
            for (Finding f : a.findings()) out.println("  " + FindingsJson.line(f));
            for (ImageReport r : set.images()) {
                if (!belongsTo(r, a)) continue;
                out.println();
                if (r.isContainerImage()) imageText(r, noTrunc, out);
                else artifactText(r, noTrunc, out);
                for (Finding f : r.image().findings()) out.println("  " + FindingsJson.line(f));
            }
            out.println();
        }
        TextWidth.println(out, "Total: ", String.format("%s logical, %s real (each layer once), %s distinct file content",
                Sizes.human(set.logicalBytes()), Sizes.human(set.realBytes()), Sizes.human(contentDedupBytes)));
        if (set.images().stream().anyMatch(r -> r.layers().stream().anyMatch(LayerReport::sharedWithOtherImage))) {
            out.println("* layer shared with another image of the set");
        }
    }

    /** The archive an image was read from (the same entry object; two archives may hold equal entries). */
    private static boolean belongsTo(ImageReport r, ImageArchive a) {
        return a.images().stream().anyMatch(e -> e == r.image());
    }

    private static String archiveOf(ImageReport r, List<ImageArchive> archives) {
        return archives.stream().filter(a -> belongsTo(r, a)).map(ImageArchive::label).findFirst().orElse(null);
    }

    private static void imageText(ImageReport r, boolean noTrunc, PrintWriter out) {
        ImageEntry e = r.image();
        out.printf("Image [%d]: %s%n", e.position(), refs(e));
        out.printf("  Platform:  %s%n", e.platform());
        e.manifestDigest().ifPresent(d -> out.printf("  Manifest:  %s%n", d));
        out.printf("  Config:    %s%n", e.configDigest());
        e.config().created().ifPresent(c -> out.printf("  Created:   %s%n", toSeconds(c)));
        out.printf("  Size:      %s logical, %s shared, %s unique, %s%n", Sizes.human(r.logicalBytes()),
                Sizes.human(r.sharedBytes()), Sizes.human(r.uniqueBytes()), count(r.layers().size(), "layer"));
        TextTable t = new TextTable("#", "DIGEST", "COMPRESSION", "STORED", "TAR", "CONTENT", "ENTRIES", "CREATED BY")
                .rightAlign(0).rightAlign(3).rightAlign(4).rightAlign(5).rightAlign(6).fit(2, 4, 0).fit(7, 8, 45)
                .noTrunc(noTrunc);
        for (LayerReport l : r.layers()) {
            String by = l.createdBy().orElse("").replace('\t', ' ').replace('\n', ' ');
            t.row(l.index(), digest(l, noTrunc) + (l.sharedWithOtherImage() ? "*" : ""), compression(l),
                    size(l.compressedBytes()), size(l.tarBytes()), size(l.contentBytes()),
                    l.entries().map(String::valueOf).orElse("-"), by);
        }
        t.print(out, "  ");
    }

    /** An OCI artifact (helm chart, signature, ...) or attestation: listed, its blobs sized, nothing scanned. */
    private static void artifactText(ImageReport r, boolean noTrunc, PrintWriter out) {
        ImageEntry e = r.image();
        String kind = e.kind() == ImageEntry.Kind.ATTESTATION ? "attestation" : "artifact";
        out.printf("Image [%d]: %s (%s, not a container image)%n", e.position(), refs(e), kind);
        if (!e.platform().isUnknown()) out.printf("  Platform:  %s%n", e.platform());
        e.manifestDigest().ifPresent(d -> out.printf("  Manifest:  %s%n", d));
        out.printf("  Config:    %s (%s)%n", e.configDigest(), e.configMediaType().isEmpty() ? "no media type"
                : e.configMediaType());
        out.printf("  Size:      %s stored in %s%n", Sizes.human(r.storedBytes()), count(r.layers().size(), "blob"));
        TextTable t = new TextTable("#", "DIGEST", "MEDIA TYPE", "STORED").rightAlign(0).rightAlign(3);
        for (LayerReport l : r.layers()) {
            t.row(l.index(), digest(l, noTrunc), l.mediaType().isEmpty() ? "-" : l.mediaType(),
                    l.status() == LayerReport.Status.MISSING ? "missing" : size(l.compressedBytes()));
        }
        t.print(out, "  ");
    }

    private static String refs(ImageEntry e) {
        return e.refs().isEmpty() ? "<untagged>" : String.join(", ", e.refs());
    }

    private static String digest(LayerReport l, boolean noTrunc) {
        return l.digest().map(d -> noTrunc ? d.toString() : d.shortHex()).orElse("-");
    }

    /** The sniffed compression; says so when the media type claims another (podman's plain tars typed +gzip). */
    private static String compression(LayerReport l) {
        if (l.status() == LayerReport.Status.MISSING) return "missing";
        String sniffed = l.compression().map(Compression::label).orElse("-");
        if (!l.compressionDisagreesWithMediaType()) return sniffed;
        return sniffed + " (type says " + MediaType.claimedCompression(l.mediaType()).label() + ")";
    }

    private static String size(java.util.Optional<Long> bytes) {
        return bytes.map(Sizes::human).orElse("-");
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** RFC 3339 to the second: nanoseconds are noise to a reader; an unparseable value is shown as stored. */
    static String toSeconds(String created) {
        return Times.parse(created).map(i -> i.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString())
                .orElse(created);
    }

    /** Truncates like docker's stringutils.Ellipsis. */
    public static String ellipsis(String s, int max) {
        if (s.codePointCount(0, s.length()) <= max) return s;
        return s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
    }
}
