package io.strata.session;

import io.strata.analysis.ImageSelector;
import io.strata.analysis.SelectionException;
import io.strata.analysis.SetTotals;
import io.strata.archive.ImageArchive;
import io.strata.archive.ImageEntry;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * Runs a one-image command over one archive, or over a set of them (several archives, a folder of archives, or
 * --all-images) in one Workspace, so a layer that images in different archives share is scanned once.
 *
 * <p>One archive and one chosen image: the command's own output, unchanged. A set: every container image of every
 * archive (narrowed by --image/--platform), each report as the command prints it for one image, and the set's
 * figures at the end; how that is written (text or JSON) is the {@link Output}'s business (report.SetWriter).
 *
 * <p>A member that cannot be read or analysed (bad input: exit 2 on its own) is reported as a failure and the others
 * are still analysed; the run then exits 2. Otherwise the exit code is the highest a member returned (ci, verify: 1
 * when any member fails its check).
 */
public final class SetRunner {
    /** Where one member's report goes: text to a writer, or a JSON document; and figures summed over the set. */
    public interface Report {
        PrintWriter text();

        void json(Map<String, Object> document);

        /** Adds to a set figure (JSON "set" block and the text Set: line); ignored for a single image. */
        default void addToSet(String key, long value) {
        }
    }

    /** One member's report; it counts only once finished, so a failure midway leaves no half entry. */
    public interface Member extends Report {
        void finish();
    }

    /** How a set's reports are written: each member's, the failures, the set's closing figures. */
    public interface Output {
        /** The report of a run that is not a set: the command's own output, as it is. */
        Report single();

        /** A member: an image of an archive, or (image null) a whole archive (verify). */
        Member member(String archive, ImageEntry image);

        /** A member's bad input, said in one line. */
        void failure(String archive, ImageEntry image, String message);

        /** An archive of the set with nothing the filters choose: said, not an error. */
        void skipped(String archive, String filters);

        /** A file or folder of a folder argument left out (not an archive), said in one line. */
        void note(String message);

        /** The closing of a set of images, after at least one member completed. */
        void endImages(List<ImageArchive> archives, SetTotals totals);

        /** The closing of a set of archives (verify), after at least one member completed. */
        void endArchives(int archives);

        /**
         * Where the run's integrity findings (layers whose bytes differ from their claims) come from, for JSON
         * documents to carry them whatever the command; given before any report is written.
         */
        default void integrity(java.util.function.Supplier<List<io.strata.model.Finding>> findings) {
        }
    }

    /** What the command does with one image; returns its exit code. */
    @FunctionalInterface
    public interface ImageJob {
        int run(ImageArchive archive, ImageEntry image, Report report) throws Exception;
    }

    /** What the command does with one analysed image (its layers scanned); returns its exit code. */
    @FunctionalInterface
    public interface AnalysedJob {
        int run(AnalysedImage image, Report report) throws Exception;
    }

    /** What the command does with one archive as a whole (verify); returns its exit code. */
    @FunctionalInterface
    public interface ArchiveJob {
        int run(String path, Report report) throws Exception;
    }

    private final Workspace ws;
    private final Output output;
    private int code = ExitCodes.OK;
    private int completed;
    private int failures;

    private SetRunner(Workspace ws, Output output) {
        this.ws = ws;
        this.output = output;
    }

    /** Runs {@code job} on the one chosen image, or on every image of the set the arguments name, each analysed. */
    public static int analysed(Workspace ws, List<String> args, boolean allImages, Output output, AnalysedJob job)
            throws Exception {
        return images(ws, args, allImages, output, (a, image, report) -> job.run(ws.analyse(a, image), report));
    }

    /** Runs {@code job} on the one chosen image, or on every image of the set the arguments name. */
    public static int images(Workspace ws, List<String> args, boolean allImages, Output output, ImageJob job)
            throws Exception {
        output.integrity(ws::integrityFindings);
        if (!ArchiveArguments.isSet(args) && !allImages) {
            ImageArchive a = ws.open(args.get(0));
            return job.run(a, ws.select(a), output.single());
        }
        return new SetRunner(ws, output).eachImage(
                ArchiveArguments.expand(args, ws.options().recursive(), output::note), job);
    }

    /** Runs {@code job} on the one archive, or on each archive of the set the arguments name (verify). */
    public static int archives(Workspace ws, List<String> args, Output output, ArchiveJob job) throws Exception {
        output.integrity(ws::integrityFindings);
        if (!ArchiveArguments.isSet(args)) return job.run(args.get(0), output.single());
        return new SetRunner(ws, output).eachArchive(
                ArchiveArguments.expand(args, ws.options().recursive(), output::note), job);
    }

    private int eachImage(List<String> paths, ImageJob job) throws Exception {
        Workspace.Options input = ws.options();
        SetTotals.Builder analysed = new SetTotals.Builder();
        boolean narrowed = input.image().isPresent() || input.parsedPlatform().isPresent();
        for (String path : paths) {
            ImageArchive a;
            List<ImageEntry> chosen;
            try {
                a = ws.open(path);
                chosen = ImageSelector.matching(a.images(), input.image(), input.parsedPlatform()).stream()
                        .filter(e -> e.kind() == ImageEntry.Kind.IMAGE).toList();
                if (chosen.isEmpty() && !narrowed) {
                    throw new SelectionException(a.label() + ": holds no container image; found "
                            + ImageSelector.describe(a.images()));
                }
            } catch (Exception e) {
                fail(path, null, e);
                continue;
            }
            if (chosen.isEmpty()) output.skipped(a.label(), input.filters());
            for (ImageEntry image : chosen) {
                Member m = output.member(a.label(), image);
                try {
                    int imageCode = job.run(a, image, m);
                    analysed.add(ws.list(a, image)); // layers already scanned: no second read
                    finished(m, imageCode);
                } catch (Exception e) {
                    fail(path, image, e);
                }
            }
        }
        if (analysed.images().isEmpty() && failures == 0) {
            throw new SelectionException("no image matches" + input.filters() + " in any of the "
                    + paths.size() + " archive" + (paths.size() == 1 ? "" : "s"));
        }
        if (completed == 0 && failures > 0) return ExitCodes.BAD_INPUT;
        output.endImages(ws.archives(), analysed.build());
        return failures == 0 ? code : ExitCodes.BAD_INPUT;
    }

    private int eachArchive(List<String> paths, ArchiveJob job) throws Exception {
        for (String path : paths) {
            Member m = output.member(path, null);
            try {
                finished(m, job.run(path, m));
            } catch (Exception e) {
                fail(path, null, e);
            }
        }
        if (completed == 0 && failures > 0) return ExitCodes.BAD_INPUT;
        output.endArchives(paths.size());
        return failures == 0 ? code : ExitCodes.BAD_INPUT;
    }

    private void finished(Member m, int memberCode) {
        m.finish();
        completed++;
        code = Math.max(code, memberCode);
    }

    /** Bad input in one member is reported and the run goes on; anything else is a bug and ends the run. */
    private void fail(String path, ImageEntry image, Exception e) throws Exception {
        output.failure(path, image, badInput(e));
        failures++;
    }

    /** The one-line message of bad input; anything that is not bad input (a bug) is thrown on. */
    public static String badInput(Exception e) throws Exception {
        if (ExitCodes.of(e) != ExitCodes.BAD_INPUT) throw e;
        return ExitCodes.messageOf(e).replace('\n', ' ');
    }
}
