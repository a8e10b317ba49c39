package io.strata.cli;

import io.strata.analysis.ImageSelector;
import io.strata.analysis.Reports;
import io.strata.analysis.SelectionException;
import io.strata.analysis.SetTotals;
import io.strata.archive.ImageArchive;
import io.strata.archive.ImageEntry;
import io.strata.report.InspectWriter;
import io.strata.report.JsonOutput;
import io.strata.report.Sizes;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a one-image command over one archive, or over a set of them (several archives, a folder of archives, or
 * --all-images) in one Workspace, so a layer that images in different archives share is scanned once.
 *
 * <p>One archive and one chosen image: the command's own output, unchanged. A set: every container image of every
 * archive (narrowed by --image/--platform), each report as the command prints it for one image. Text puts each under
 * a {@code ==> ARCHIVE [POSITION] IMAGE <==} header and ends with one {@code Set:} line; JSON is
 * {@code {"schemaVersion", "archives":[{path,format,bytes}], "images":[{"archive","position","image","platform",
 * ...the one-image document}], "set":{...}, "failures":[{"archive","image","message"}]}}. verify works per archive:
 * {@code {"schemaVersion", "archives":[each archive's verify document], "set":{...}, "failures":[...]}}.
 *
 * <p>A member that cannot be read or analysed (bad input: exit 2 on its own) gets its one-line error on standard
 * error and an entry in "failures"; the others are still analysed and the run exits 2. Otherwise the exit code is
 * the highest a member returned (ci, verify: 1 when any member fails its check).
 */
final class SetRunner {
    /** Where one member's report goes: text to a writer, or a JSON document; and figures summed over the set. */
    interface Report {
        PrintWriter text();

        void json(Map<String, Object> document);

        /** Adds to a set figure (JSON "set" block and the text Set: line); ignored for a single image. */
        default void addToSet(String key, long value) {
        }
    }

    /** What the command does with one image; returns its exit code. */
    @FunctionalInterface
    interface ImageJob {
        int run(ImageArchive archive, ImageEntry image, Report report) throws Exception;
    }

    /** What the command does with one archive as a whole (verify); returns its exit code. */
    @FunctionalInterface
    interface ArchiveJob {
        int run(String path, Report report) throws Exception;
    }

    private final Workspace ws;
    private final boolean json;
    private final PrintWriter out;
    private final PrintWriter err;
    private final List<Object> members = new ArrayList<>();
    private final List<Object> failures = new ArrayList<>();
    private final Map<String, Long> figures = new LinkedHashMap<>();
    private int code = ExitCodes.OK;
    private int completed;
    private boolean firstSection = true;

    private SetRunner(Workspace ws, boolean json, PrintWriter out, PrintWriter err) {
        this.ws = ws;
        this.json = json;
        this.out = out;
        this.err = err;
    }

    /** Runs {@code job} on the one chosen image, or on every image of the set the arguments name. */
    static int images(Workspace ws, InputOptions input, List<String> args, boolean allImages, boolean json,
                      PrintWriter out, PrintWriter err, ImageJob job) throws Exception {
        if (!ArchiveArguments.isSet(args) && !allImages) {
            ImageArchive a = ws.open(args.get(0));
            return job.run(a, ws.select(a), single(out));
        }
        return new SetRunner(ws, json, out, err).eachImage(ArchiveArguments.expand(args), input, job);
    }

    /** Runs {@code job} on the one archive, or on each archive of the set the arguments name (verify). */
    static int archives(Workspace ws, List<String> args, boolean json, PrintWriter out, PrintWriter err,
                        ArchiveJob job) throws Exception {
        if (!ArchiveArguments.isSet(args)) return job.run(args.get(0), single(out));
        return new SetRunner(ws, json, out, err).eachArchive(ArchiveArguments.expand(args), job);
    }

    private static Report single(PrintWriter out) {
        return new Report() {
            @Override
            public PrintWriter text() {
                return out;
            }

            @Override
            public void json(Map<String, Object> document) {
                JsonOutput.write(document, out);
            }
        };
    }

    private int eachImage(List<String> paths, InputOptions input, ImageJob job) throws Exception {
        SetTotals.Builder analysed = new SetTotals.Builder();
        boolean narrowed = input.image().isPresent() || input.platform().isPresent();
        for (String path : paths) {
            ImageArchive a;
            List<ImageEntry> chosen;
            try {
                a = ws.open(path);
                chosen = ImageSelector.matching(a.images(), input.image(), input.platform()).stream()
                        .filter(e -> e.kind() == ImageEntry.Kind.IMAGE).toList();
                if (chosen.isEmpty() && !narrowed) {
                    throw new SelectionException(a.label() + ": holds no container image; found "
                            + ImageSelector.describe(a.images()));
                }
            } catch (Exception e) {
                fail(path, null, e);
                continue;
            }
            if (chosen.isEmpty()) skipped(a, input, err);
            for (ImageEntry image : chosen) {
                Member m = new Member(a.label(), image);
                try {
                    int imageCode = job.run(a, image, m);
                    analysed.add(ws.list(a, image)); // layers already scanned: no second read
                    m.finish();
                    code = Math.max(code, imageCode);
                } catch (Exception e) {
                    fail(path, image, e);
                }
            }
        }
        if (analysed.images().isEmpty() && failures.isEmpty()) {
            throw new SelectionException("no image matches" + filters(input) + " in any of the "
                    + count(paths.size(), "archive"));
        }
        SetTotals totals = analysed.build();
        Map<String, Object> set = JsonOutput.object();
        set.put("archives", ws.archives().size());
        set.put("images", totals.images());
        set.put("logicalBytes", totals.logicalBytes());
        set.put("realBytes", totals.realBytes());
        set.put("contentDedupBytes", totals.contentDedupBytes());
        String line = String.format("Set: %s, %s: %s logical, %s real (each layer once), %s distinct file content",
                count(ws.archives().size(), "archive"), count(totals.images(), "image"),
                Sizes.human(totals.logicalBytes()), Sizes.human(totals.realBytes()),
                Sizes.human(totals.contentDedupBytes()));
        return finish("images", ws.archives().stream().map(InspectWriter::archiveJson).toList(), set, line);
    }

    private int eachArchive(List<String> paths, ArchiveJob job) throws Exception {
        for (String path : paths) {
            Member m = new Member(path, null);
            try {
                int archiveCode = job.run(path, m);
                m.finish();
                code = Math.max(code, archiveCode);
            } catch (Exception e) {
                fail(path, null, e);
            }
        }
        Map<String, Object> set = JsonOutput.object();
        set.put("archives", paths.size());
        return finish("archives", null, set, "Set: " + count(paths.size(), "archive"));
    }

    /**
     * Writes the set's document or closing line; bad input anywhere makes the run exit 2. When nothing could be
     * analysed the run is a plain refusal: the errors on standard error, nothing on standard output.
     */
    private int finish(String membersKey, List<Map<String, Object>> archives, Map<String, Object> set, String line) {
        if (completed == 0 && !failures.isEmpty()) return ExitCodes.BAD_INPUT;
        figures.forEach(set::put);
        if (json) {
            Map<String, Object> doc = JsonOutput.document();
            if (archives != null) doc.put("archives", archives);
            doc.put(membersKey, members);
            doc.put("set", set);
            doc.put("failures", failures);
            JsonOutput.write(doc, out);
        } else {
            StringBuilder text = new StringBuilder(line);
            figures.forEach((k, v) -> text.append(", ").append(k).append(' ')
                    .append(k.endsWith("Bytes") ? Sizes.human(v) : String.valueOf(v)));
            if (!failures.isEmpty()) text.append("; ").append(count(failures.size(), "failure")).append(" (see standard error)");
            if (!firstSection) out.println();
            out.println(text);
            out.flush();
        }
        return failures.isEmpty() ? code : ExitCodes.BAD_INPUT;
    }

    /** Bad input in one member is reported and the run goes on; anything else is a bug and ends the run. */
    private void fail(String path, ImageEntry image, Exception e) throws Exception {
        failures.add(failure(path, image, e, err));
    }

    /**
     * One member's bad input: its one-line error on standard error, and the entry for the JSON "failures" list.
     * Anything that is not bad input (a bug) is thrown on.
     */
    static Map<String, Object> failure(String path, ImageEntry image, Exception e, PrintWriter err) throws Exception {
        if (Main.exitCodeOf(e) != ExitCodes.BAD_INPUT) throw e;
        String message = Main.messageOf(e).replace('\n', ' ');
        err.println("strata: " + message);
        err.flush();
        Map<String, Object> f = JsonOutput.object();
        f.put("archive", path);
        f.put("image", image == null ? null : image.displayName());
        f.put("message", message);
        return f;
    }

    /** An archive of the set with nothing that --image/--platform choose: said, not an error. */
    static void skipped(ImageArchive a, InputOptions input, PrintWriter err) throws UsageException {
        err.println("strata: note: " + a.label() + ": no image matches" + filters(input) + "; skipped");
        err.flush();
    }

    static String filters(InputOptions input) throws UsageException {
        return input.image().map(i -> " --image " + i).orElse("")
                + input.platform().map(p -> " --platform " + p).orElse("");
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** One member's report: its text under a header, or its document tagged with where it came from. */
    private final class Member implements Report {
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

        /** A member's report counts only once it is complete, so a failure midway leaves no half entry. */
        void finish() {
            completed++;
            if (document != null) members.add(document);
            own.forEach((k, v) -> figures.merge(k, v, Long::sum));
            if (headed) out.flush();
        }
    }
}
