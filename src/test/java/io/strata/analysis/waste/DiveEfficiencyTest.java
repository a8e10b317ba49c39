package io.strata.analysis.waste;

import io.strata.archive.ImageArchive;
import io.strata.archive.ImageArchives;
import io.strata.archive.Limits;
import io.strata.layer.LayerIndex;
import io.strata.layer.LayerLoader;
import io.strata.testing.LayerTar;
import io.strata.tree.LayerPaths;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** dive's figures on the cases of dive's own tests, with dive's expected values. */
class DiveEfficiencyTest {
    private static final Path DIVE_IMAGE = Path.of("../shared/testdata/third-party/dive/test-docker-image.tar");

    @TempDir
    Path dir;

    private List<LayerIndex> layers(LayerTar... tars) throws Exception {
        List<LayerIndex> out = new ArrayList<>();
        for (int i = 0; i < tars.length; i++) out.add(tars[i].scanAt(dir.resolve("l" + i + ".tar")));
        return out;
    }

    private static byte[] bytes(int n) {
        return new byte[n];
    }

    /** dive's TestEfficency: paths added without folder entries, a whiteout of the implied folder. */
    @Test
    void diveEfficiencyTestCase() throws Exception {
        DiveFigures d = DiveEfficiency.compute(layers(
                LayerTar.create().file("etc/nginx/nginx.conf", bytes(2000), 0644, 0, 0)
                        .file("etc/nginx/public", bytes(3000), 0644, 0, 0),
                LayerTar.create().file("etc/nginx/nginx.conf", bytes(5000), 0644, 0, 0)
                        .file("etc/athing", bytes(10000), 0644, 0, 0),
                LayerTar.create().whiteout("etc/nginx")));
        assertEquals(0.75, d.efficiency());
        assertEquals(1, d.inefficient().size());
        assertEquals("etc/nginx/nginx.conf", d.inefficient().get(0).path());
        assertEquals(7000, d.inefficient().get(0).cumulativeBytes());
        assertEquals(7000, d.wastedBytes());
    }

    /** dive's TestEfficency_ScratchImage. */
    @Test
    void diveScratchImageCase() throws Exception {
        DiveFigures d = DiveEfficiency.compute(layers(LayerTar.create().file("nothing", ""), LayerTar.create(),
                LayerTar.create()));
        assertEquals(1.0, d.efficiency());
        assertTrue(d.inefficient().isEmpty());
    }

    @Test
    void directoryWhiteoutCountsTheSubtreeBelowWhenTheFolderHasAnEntry() throws Exception {
        DiveFigures d = DiveEfficiency.compute(layers(
                LayerTar.create().dir("etc").dir("etc/nginx"),
                LayerTar.create().dir("etc").dir("etc/nginx").file("etc/nginx/a", bytes(100), 0644, 0, 0),
                LayerTar.create().dir("etc").whiteout("etc/nginx")));
        // etc/nginx: an empty folder (a leaf, 0) in layer 0, then the whiteout sized 100 (its subtree below);
        // etc/nginx/a: 100 once; etc: a leaf folder entry in layer 2 only (0)
        assertEquals(100.0 / 200.0, d.efficiency());
        assertEquals(100, d.wastedBytes());
        assertEquals(1.0, d.userWastedPercent());
        assertEquals(List.of(new DivePath("etc/nginx", 2, 100)), d.inefficient());
    }

    @Test
    void userWastedPercentIsNaNWhenOnlyTheBaseLayerHasBytesAsInDive() throws Exception {
        DiveFigures d = DiveEfficiency.compute(layers(LayerTar.create().file("a", "x"), LayerTar.create().dir("d")));
        assertTrue(Double.isNaN(d.userWastedPercent()));
    }

    /** dive's Test_Analysis on its own test image (image_archive_analysis_test.go). */
    @Test
    void diveTestImageGivesDivesExpectedFigures() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(DIVE_IMAGE), DIVE_IMAGE + " is absent; skipping dive's figures");
        try (LayerLoader loader = new LayerLoader();
             ImageArchive a = ImageArchives.open(DIVE_IMAGE.toString(), Limits.DEFAULT)) {
            List<LayerIndex> layers = loader.load(a, a.images().get(0).layers());
            DiveFigures d = DiveEfficiency.compute(layers);
            // the fast tally answers for this image (no layer needs dive's order) and agrees with dive's walk
            DiveEfficiency.Tally fast = DivePathTally.tally(LayerPaths.of(layers)).orElseThrow();
            DiveEfficiency.Tally walked = DiveEfficiency.tallyByTreeWalk(layers);
            assertEquals(walked.minimum(), fast.minimum());
            assertEquals(walked.discovered(), fast.discovered());
            assertEquals(walked.wasted(), fast.wasted());
            assertEquals(0.9844212134184309, d.efficiency());
            assertEquals(32025, d.wastedBytes());
            assertEquals(0.4834911001404049, d.userWastedPercent());
            assertEquals(1220598, d.sizeBytes());
            assertEquals(66237, d.userSizeBytes());
        }
    }
}
