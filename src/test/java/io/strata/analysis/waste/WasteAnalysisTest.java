package io.strata.analysis.waste;

import io.strata.layer.LayerIndex;
import io.strata.testing.LayerTar;
import io.strata.tree.FileTree;
import io.strata.tree.HiddenVersion;
import io.strata.tree.OverlayMerger;
import io.strata.tree.Testdata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WasteAnalysisTest {
    @TempDir
    Path dir;

    private static WasteReport analyse(FileTree t) {
        return WasteAnalysis.analyse(t, Collections.nCopies(t.layers().size(), Optional.empty()));
    }

    private FileTree merge(LayerTar... tars) throws Exception {
        List<LayerIndex> layers = new ArrayList<>();
        for (int i = 0; i < tars.length; i++) layers.add(tars[i].scanAt(dir.resolve("l" + i + ".tar")));
        return OverlayMerger.merge(layers);
    }

    @Test
    void logicalIsSquashedPlusWastedOnEveryImageOfEveryArchive() throws Exception {
        for (Testdata.MergedCase c : Testdata.mergedImages()) {
            WasteReport r = analyse(c.tree());
            long logical = c.layers().stream().mapToLong(l -> l.totals().contentBytes()).sum();
            assertEquals(logical, r.logicalBytes(), c.name());
            assertEquals(r.logicalBytes(), r.squashedBytes() + r.wastedBytes(), c.name());
            assertEquals(r.wastedBytes(), r.wasted().stream().mapToLong(WastedPath::bytes).sum(), c.name());
            assertEquals(r.wastedBytes(), r.layers().stream().mapToLong(LayerWaste::wastedBytes).sum(), c.name());
            assertEquals(r.wastedBytes(), r.layers().stream().mapToLong(LayerWaste::hiddenBytes).sum(), c.name());
        }
    }

    @Test
    void sampleWasteHoldsBigBinAndTheLowerAppConfAndOneDuplicateGroup() throws Exception {
        Testdata.MergedCase sample = Testdata.sample();
        WasteReport r = analyse(sample.tree());
        WastedPath big = r.wasted().stream().filter(w -> w.path().equals("/opt/app/data/big.bin")).findFirst()
                .orElseThrow();
        assertEquals(1024 * 1024, big.bytes());
        assertEquals(HiddenVersion.Reason.WHITEOUT, big.reason());
        assertEquals(big, r.wasted().get(0)); // the biggest first
        WastedPath conf = r.wasted().stream().filter(w -> w.path().equals("/opt/app/conf/app.conf")).findFirst()
                .orElseThrow();
        assertEquals(HiddenVersion.Reason.OVERWRITTEN, conf.reason());
        assertEquals(sample.tree().lookup("/opt/app/conf/app.conf").orElseThrow().size(), conf.bytes());
        assertTrue(conf.layer() < conf.hiddenBy());
        List<DuplicateGroup> dups = r.duplicates();
        assertEquals(1, dups.size());
        assertEquals(List.of("/opt/app/conf/dup-b.txt", "/opt/app/data/dup-a.txt"), dups.get(0).paths());
        assertEquals(dups.get(0).size(), r.duplicateBytes());
        assertEquals(0, r.hardlinkKeptBytes());
    }

    @Test
    void hiddenFileStillVisibleThroughAHardlinkIsNotWaste() throws Exception {
        FileTree t = merge(LayerTar.create().file("a", "0123456789"), LayerTar.create().hardlink("b", "a"),
                LayerTar.create().whiteout("a"));
        WasteReport r = analyse(t);
        assertEquals(10, r.logicalBytes());
        assertEquals(10, r.squashedBytes());
        assertEquals(0, r.wastedBytes());
        assertEquals(10, r.hardlinkKeptBytes());
    }

    @Test
    void samePathTwiceInOneLayerWastesTheEarlierBytes() throws Exception {
        FileTree t = merge(LayerTar.create().file("f", "first!").file("f", "2nd"));
        WasteReport r = analyse(t);
        assertEquals(6, r.wastedBytes());
        assertEquals(HiddenVersion.Reason.SAME_LAYER, r.wasted().get(0).reason());
        assertEquals(r.logicalBytes(), r.squashedBytes() + r.wastedBytes());
    }

    @Test
    void symlinkTargetsCountAsDockerCountsThem() throws Exception {
        FileTree t = merge(LayerTar.create().symlink("l", "12345"), LayerTar.create().symlink("l", "abc"));
        WasteReport r = analyse(t);
        assertEquals(8, r.logicalBytes());
        assertEquals(3, r.squashedBytes());
        assertEquals(5, r.wastedBytes());
    }

    @Test
    void hardlinkedCopiesAreOneInodeNotDuplicates() throws Exception {
        FileTree t = merge(LayerTar.create().file("a", "same").hardlink("b", "a").file("c", "same"));
        WasteReport r = analyse(t);
        assertEquals(8, r.squashedBytes());
        assertEquals(1, r.duplicates().size());
        assertEquals(2, r.duplicates().get(0).copies());
        assertEquals(List.of("/a", "/b", "/c"), r.duplicates().get(0).paths());
        assertEquals(4, r.duplicateBytes());
    }
}
