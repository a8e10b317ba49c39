package io.strata.report;

import io.strata.analysis.SetTotals;
import io.strata.archive.ImageArchive;
import io.strata.archive.ImageEntry;
import io.strata.session.SetRunner;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a set's reports (session.SetRunner). Text puts each member's report under a
 * {@code ==> ARCHIVE [POSITION] IMAGE <==} header and ends with one {@code Set:} line; JSON is
 * {@code {"schemaVersion", "archives":[{path,format,bytes}], "images":[{"archive","position","image","platform",
 * ...the one-image document}], "set":{...}, "failures":[{"archive","image","message"}]}}; verify's set is
 * {@code {"schemaVersion", "archives":[each archive's verify document], "set":{...}, "failures":[...]}}.
 * A member's bad input gets its one line on standard error as well.
 */
public final class SetWriter implements SetRunner.Output {
    private final boolean json;
    private final PrintWriter out;
    private final PrintWriter err;
    private final List<Object> members = new ArrayList<>();
    private final List<Object> failures = new ArrayList<>();
    private final Map<String, Long> figures = new LinkedHashMap<>();
    private boolean firstSection = true;
    private java.util.function.Supplier<List<io.strata.model.Finding>> integrity = List::of;

    public SetWriter(boolean json, PrintWriter out, PrintWriter err) {
        this.json = json;
        this.out = out;
        this.err = err;
    }

    @Override
    public void integrity(java.util.function.Supplier<List<io.strata.model.Finding>> findings) {
        this.integrity = findings;
    }

    /**
     * Adds the run's integrity findings (layers whose bytes differ from their claims) to a document's "findings",
     * which a document without one gains.
     */
    public static Map<String, Object> withIntegrity(Map<String, Object> doc, List<io.strata.model.Finding> found) {
        if (found.isEmpty()) return doc;
        List<Object> findings = new ArrayList<>();
        if (doc.get("findings") instanceof List<?> existing) findings.addAll(existing);
        for (io.strata.model.Finding f : found) findings.add(FindingsJson.of(f));
        doc.put("findings", findings);
        return doc;
    }

    @Override
    public SetRunner.Report single() {
        return new SetRunner.Report() {
            @Override
            public PrintWriter text() {
                return out;
            }

            @Override
            public void json(Map<String, Object> document) {
                JsonOutput.write(withIntegrity(document, integrity.get()), out);
            }
        };
    }

    @Override
    public SetRunner.Member member(String archive, ImageEntry image) {
        return new Member(archive, image);
    }

    @Override
    public void failure(String archive, ImageEntry image, String message) {
        failures.add(failure(archive, image, message, err));
    }

    /** One member's bad input: its one-line error on standard error, and the entry for the JSON "failures" list. */
    public static Map<String, Object> failure(String archive, ImageEntry image, String message, PrintWriter err) {
        err.println("strata: " + message);
        err.flush();
        Map<String, Object> f = JsonOutput.object();
        f.put("archive", archive);
        f.put("image", image == null ? null : image.displayName());
        f.put("message", message);
        return f;
    }

    @Override
    public void skipped(String archive, String filters) {
        skipped(archive, filters, err);
    }

    @Override
    public void note(String message) {
        note(message, err);
    }

    public static void note(String message, PrintWriter err) {
        err.println("strata: note: " + message);
        err.flush();
    }

    /** An archive of the set with nothing that --image/--platform choose: said, not an error. */
    public static void skipped(String archive, String filters, PrintWriter err) {
        err.println("strata: note: " + archive + ": no image matches" + filters + "; skipped");
        err.flush();
    }

    @Override
    public void endImages(List<ImageArchive> archives, SetTotals totals) {
        Map<String, Object> set = JsonOutput.object();
        set.put("archives", archives.size());
        set.put("images", totals.images());
        set.put("logicalBytes", totals.logicalBytes());
        set.put("realBytes", totals.realBytes());
        set.put("contentDedupBytes", totals.contentDedupBytes());
        String line = String.format("Set: %s, %s: %s logical, %s real (each layer once), %s distinct file content",
                count(archives.size(), "archive"), count(totals.images(), "image"),
                Sizes.human(totals.logicalBytes()), Sizes.human(totals.realBytes()),
                Sizes.human(totals.contentDedupBytes()));
        end("images", archives.stream().map(InspectWriter::archiveJson).toList(), set, line);
    }

    @Override
    public void endArchives(int archives) {
        Map<String, Object> set = JsonOutput.object();
        set.put("archives", archives);
        end("archives", null, set, "Set: " + count(archives, "archive"));
    }

    private void end(String membersKey, List<Map<String, Object>> archives, Map<String, Object> set, String line) {
        figures.forEach(set::put);
        if (json) {
            Map<String, Object> doc = JsonOutput.document();
            if (archives != null) doc.put("archives", archives);
            doc.put(membersKey, members);
            doc.put("set", set);
            doc.put("failures", failures);
            JsonOutput.write(withIntegrity(doc, integrity.get()), out);
        } else {
            StringBuilder text = new StringBuilder(line);
            figures.forEach((k, v) -> text.append(", ").append(k).append(' ')
                    .append(k.endsWith("Bytes") ? Sizes.human(v) : String.valueOf(v)));
            if (!failures.isEmpty()) text.append("; ").append(count(failures.size(), "failure")).append(" (see standard error)");
            if (!firstSection) out.println();
            out.println(text);
            out.flush();
        }
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** One member's report: its text under a header, or its document tagged with where it came from. */
    private final class Member implements SetRunner.Member {
        private final String archive;
        private final ImageEntry image;
        private final Map<String, Long> own = new LinkedHashMap<>();
        private Map<String, Object> document;
        private boolean headed;

        Member(String archive, ImageEntry image) {
            this.archive = archive;
            this.image = image;
        }

        @Override
        public PrintWriter text() {
            if (!headed) {
                if (!firstSection) out.println();
                firstSection = false;
                out.println("==> " + archive + (image == null ? "" : " [" + image.position() + "] " + image.displayName()
                        + (image.platform().isUnknown() ? "" : " " + image.platform())) + " <==");
                headed = true;
            }
            return out;
        }

        @Override
        public void json(Map<String, Object> single) {
            Map<String, Object> doc = new LinkedHashMap<>();
            if (image != null) {
                doc.put("archive", archive);
                doc.put("position", image.position());
                doc.put("image", image.displayName());
                doc.put("platform", image.platform().isUnknown() ? null : image.platform().toString());
            }
            single.forEach((k, v) -> {
                if (!k.equals("schemaVersion")) doc.put(k, v);
            });
            document = doc;
        }

        @Override
        public void addToSet(String key, long value) {
            own.merge(key, value, Long::sum);
        }

        @Override
        public void finish() {
            if (document != null) members.add(document);
            own.forEach((k, v) -> figures.merge(k, v, Long::sum));
            if (headed) out.flush();
        }
    }
}
