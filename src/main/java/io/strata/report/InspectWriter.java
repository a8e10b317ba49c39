package io.strata.report;

import io.strata.analysis.ImageReport;
import io.strata.analysis.LayerReport;
import io.strata.analysis.SetReport;
import io.strata.archive.ImageArchive;
import io.strata.archive.ImageEntry;
import io.strata.model.Digest;
import io.strata.model.Finding;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** `strata inspect` output: archives, images, layers and sizes, as text or JSON. */
public final class InspectWriter {
    private InspectWriter() {
    }

    public static Map<String, Object> json(List<ImageArchive> archives, SetReport set, long contentDedupBytes) {
        Map<String, Object> doc = JsonOutput.document();
        if (archives.size() == 1) doc.put("archive", archiveJson(archives.get(0)));
        else doc.put("archives", archives.stream().map(InspectWriter::archiveJson).toList());
        doc.put("logicalBytes", set.logicalBytes());
        doc.put("realBytes", set.realBytes());
        doc.put("contentDedupBytes", contentDedupBytes);
        List<Object> images = new ArrayList<>();
        for (ImageReport r : set.images()) images.add(imageJson(r));
        doc.put("images", images);
        List<Object> findings = new ArrayList<>();
        for (ImageArchive a : archives) a.findings().forEach(f -> findings.add(FindingsJson.of(f)));
        for (ImageReport r : set.images()) r.image().findings().forEach(f -> findings.add(FindingsJson.of(f)));
        doc.put("findings", findings);
        return doc;
    }

    private static Map<String, Object> archiveJson(ImageArchive a) {
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
        m.put("layerCount", r.layers().size());
        m.put("logicalBytes", r.logicalBytes());
        m.put("sharedBytes", r.sharedBytes());
        m.put("uniqueBytes", r.uniqueBytes());
        List<Object> layers = new ArrayList<>();
        for (LayerReport l : r.layers()) {
            Map<String, Object> lm = JsonOutput.object();
            lm.put("index", l.index());
            lm.put("digest", l.digest().toString());
            lm.put("diffId", l.diffId().toString());
            lm.put("mediaType", l.mediaType());
            lm.put("compression", l.compression().label());
            lm.put("compressedBytes", l.compressedBytes());
            lm.put("tarBytes", l.tarBytes());
            lm.put("contentBytes", l.contentBytes());
            lm.put("entries", l.entries());
            lm.put("shared", l.sharedWithOtherImage());
            lm.put("createdBy", l.createdBy().orElse(null));
            layers.add(lm);
        }
        m.put("layers", layers);
        return m;
    }

    public static void text(List<ImageArchive> archives, SetReport set, long contentDedupBytes, boolean noTrunc,
                            PrintWriter out) {
        for (ImageArchive a : archives) {
            out.printf("Archive: %s (%s, %s)%n", a.label(), a.format(), Sizes.human(a.bytes()));
        }
        for (ImageReport r : set.images()) {
            ImageEntry e = r.image();
            out.println();
            out.printf("Image [%d]: %s%s%n", e.position(), e.refs().isEmpty() ? "<untagged>" : String.join(", ", e.refs()),
                    e.kind() == ImageEntry.Kind.IMAGE ? "" : " (" + e.kind().name().toLowerCase() + ")");
            out.printf("  Platform:  %s%n", e.platform());
            e.manifestDigest().ifPresent(d -> out.printf("  Manifest:  %s%n", d));
            out.printf("  Config:    %s%n", e.configDigest());
            e.config().created().ifPresent(c -> out.printf("  Created:   %s%n", c));
            out.printf("  Size:      %s logical, %s shared, %s unique (%d layers)%n", Sizes.human(r.logicalBytes()),
                    Sizes.human(r.sharedBytes()), Sizes.human(r.uniqueBytes()), r.layers().size());
            TextTable t = new TextTable("#", "DIGEST", "COMPRESSION", "STORED", "TAR", "CONTENT", "ENTRIES", "CREATED BY")
                    .rightAlign(3).rightAlign(4).rightAlign(5).rightAlign(6);
            for (LayerReport l : r.layers()) {
                String digest = noTrunc ? l.digest().toString() : l.digest().shortHex();
                String by = l.createdBy().orElse("");
                if (!noTrunc) by = ellipsis(by.replace('\t', ' '), 45);
                t.row(l.index(), digest + (l.sharedWithOtherImage() ? "*" : ""), l.compression().label(),
                        Sizes.human(l.compressedBytes()), Sizes.human(l.tarBytes()), Sizes.human(l.contentBytes()),
                        l.entries(), by);
            }
            t.print(out);
            for (Finding f : e.findings()) out.println("  " + FindingsJson.line(f));
        }
        out.println();
        out.printf("Total: %s logical, %s real (each layer once), %s distinct file content%n",
                Sizes.human(set.logicalBytes()), Sizes.human(set.realBytes()), Sizes.human(contentDedupBytes));
        if (set.images().stream().anyMatch(r -> r.layers().stream().anyMatch(LayerReport::sharedWithOtherImage))) {
            out.println("* layer shared with another image of the set");
        }
    }

    /** Truncates like docker's stringutils.Ellipsis. */
    public static String ellipsis(String s, int max) {
        if (s.codePointCount(0, s.length()) <= max) return s;
        return s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
    }
}
