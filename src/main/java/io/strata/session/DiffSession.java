package io.strata.session;

import io.strata.analysis.ImageSelector;
import io.strata.analysis.SelectionException;
import io.strata.archive.ArchiveException;
import io.strata.archive.ImageArchive;
import io.strata.archive.ImageEntry;
import io.strata.diff.DiffOptions;
import io.strata.diff.DiffSide;
import io.strata.diff.ImageDiff;
import io.strata.layer.LayerException;
import io.strata.model.Platform;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Opens the archives of both sides (an archive named twice is opened once), picks each side's image, scans the
 * layers when a section needs them, and computes the diff. Both sides scan through the workspace's one layer
 * loader, so a layer they share is read once.
 */
public final class DiffSession {
    /** A side fully chosen: where, which image, which platform. */
    public record Choice(String archive, Optional<String> image, Optional<Platform> platform) {
    }

    private DiffSession() {
    }

    /**
     * {@code ownB}, when set, is a second workspace that scans side B on its own, so a layer of B is read even
     * when it claims a diffId side A already has (--verify-shared); otherwise B reuses A's scans by diffId.
     */
    public static ImageDiff run(Workspace ws, Optional<Workspace> ownB, Choice a, Choice b, DiffOptions options)
            throws ArchiveException, SelectionException, LayerException {
        Map<String, ImageArchive> opened = new HashMap<>();
        ImageArchive archiveA = open(ws, opened, a.archive());
        Workspace wsB = ownB.orElse(ws);
        ImageArchive archiveB = ownB.isPresent() ? ownB.get().open(b.archive()) : open(ws, opened, b.archive());
        ImageEntry imageA = select("A", archiveA, a);
        ImageEntry imageB = select("B", archiveB, b);
        DiffSide sideA = new DiffSide(a.archive(), imageA, Optional.empty());
        DiffSide sideB = new DiffSide(b.archive(), imageB, Optional.empty());
        if (options.needsLayers()) {
            boolean packages = options.needsPackages();
            // side B scans (and reads its package databases) beside side A; one loader shares their common layers
            CompletableFuture<DiffSide> scanB = CompletableFuture.supplyAsync(
                    () -> side(b.archive(), analyseUnchecked(wsB, archiveB, imageB), packages));
            sideA = side(a.archive(), ws.analyse(archiveA, imageA), packages);
            sideB = join(scanB);
        }
        ImageDiff diff = ImageDiff.compute(sideA, sideB, options);
        int trusted = diff.layers().map(l -> l.common().size()).orElse(0);
        if (ownB.isEmpty() && archiveA != archiveB && trusted > 0) {
            diff = diff.withNote(trusted == 1
                    ? "the common layer was read from A only; B's copy matches by the diffId B's config claims"
                    + " (--verify-shared reads it too)"
                    : "the " + trusted + " common layers were read from A only; B's copies match by the diffIds B's"
                    + " config claims (--verify-shared reads them too)");
        }
        return diff;
    }

    public static ImageDiff run(Workspace ws, Choice a, Choice b, DiffOptions options)
            throws ArchiveException, SelectionException, LayerException {
        return run(ws, Optional.empty(), a, b, options);
    }

    private static ImageArchive open(Workspace ws, Map<String, ImageArchive> opened, String path) throws ArchiveException {
        ImageArchive a = opened.get(path);
        if (a == null) {
            a = ws.open(path);
            opened.put(path, a);
        }
        return a;
    }

    private static ImageEntry select(String side, ImageArchive archive, Choice c) throws SelectionException {
        try {
            return ImageSelector.one(archive.label(), archive.images(), c.image(), c.platform());
        } catch (SelectionException e) {
            throw new SelectionException("side " + side + ": " + e.getMessage());
        }
    }

    private static DiffSide side(String archive, AnalysedImage image, boolean packages) {
        return new DiffSide(archive, image.image(), Optional.of(image.stack()),
                packages ? Optional.of(image.packages()) : Optional.empty());
    }

    private static AnalysedImage analyseUnchecked(Workspace ws, ImageArchive archive, ImageEntry image) {
        try {
            return ws.analyse(archive, image);
        } catch (LayerException e) {
            throw new CompletionException(e);
        }
    }

    private static <T> T join(CompletableFuture<T> f) throws LayerException {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof LayerException le) throw le;
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error err) throw err;
            throw e;
        }
    }
}
