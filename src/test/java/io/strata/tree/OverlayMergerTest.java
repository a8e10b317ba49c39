package io.strata.tree;

import io.strata.layer.EntryKind;
import io.strata.layer.LayerIndex;
import io.strata.testing.LayerTar;
import io.strata.testing.RawTar;
import io.strata.model.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One test per rule of docs/design.md, "Applying layers", on layers built here. */
class OverlayMergerTest {
    @TempDir
    Path dir;
    private int layerCount;

    private LayerIndex scan(LayerTar tar) throws Exception {
        return tar.scanAt(dir.resolve("layer" + layerCount++ + ".tar"));
    }

    private FileTree merge(LayerTar... tars) throws Exception {
        List<LayerIndex> layers = new ArrayList<>();
        for (LayerTar t : tars) layers.add(scan(t));
        return OverlayMerger.merge(layers);
    }

    private static List<String> visiblePaths(FileTree t) {
        return t.visible().stream().map(f -> f.path().relative()).toList();
    }

    private static HiddenVersion hidden(FileTree t, String path) {
        return t.hidden().stream().filter(h -> h.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError(path + " is not hidden: " + t.hidden()));
    }

    private static boolean hasFinding(List<Finding> findings, String code) {
        return findings.stream().anyMatch(f -> f.code().equals(code));
    }

    @Test
    void layersApplyInOrderOverAnEmptyRootWithNormalisedPaths() throws Exception {
        FileTree t = merge(LayerTar.create().dir("./etc/").file("/etc/a", "1").file("etc//b", "2"),
                LayerTar.create().file("./etc/a", "3"));
        assertEquals(List.of("etc", "etc/a", "etc/b"), visiblePaths(t));
        VisibleFile a = t.lookup("/etc/a").orElseThrow();
        assertEquals(1, a.layer());
        assertEquals(1, a.size());
        assertEquals(HiddenVersion.Reason.OVERWRITTEN, hidden(t, "etc/a").reason());
    }

    @Test
    void fileWhiteoutDeletesTheFileAndIsNeverShown() throws Exception {
        FileTree t = merge(LayerTar.create().dir("d").file("d/gone.txt", "bytes").file("d/kept.txt", "k"),
                LayerTar.create().dir("d").whiteout("d/gone.txt"));
        assertEquals(List.of("d", "d/kept.txt"), visiblePaths(t));
        assertTrue(visiblePaths(t).stream().noneMatch(p -> p.contains(".wh.")));
        HiddenVersion h = hidden(t, "d/gone.txt");
        assertEquals(0, h.layer());
        assertEquals(1, h.hiddenBy());
        assertEquals(HiddenVersion.Reason.WHITEOUT, h.reason());
    }

    @Test
    void whiteoutOfADirectoryDeletesItsWholeDeepSubtree() throws Exception {
        LayerTar lower = LayerTar.create();
        StringBuilder deep = new StringBuilder("top");
        for (int i = 0; i < 200; i++) {
            lower.dir(deep.toString());
            lower.file(deep + "/f" + i, "x" + i);
            deep.append("/d").append(i);
        }
        lower.file("other", "o");
        FileTree t = merge(lower, LayerTar.create().whiteout("top"));
        assertEquals(List.of("other"), visiblePaths(t));
        long hiddenFiles = t.hidden().stream().filter(h -> h.path().startsWith("top")).count();
        assertEquals(400, hiddenFiles); // 200 directories and 200 files, each an entry of layer 0
        assertTrue(t.hidden().stream().filter(h -> h.path().startsWith("top"))
                .allMatch(h -> h.hiddenBy() == 1 && h.reason() == HiddenVersion.Reason.WHITEOUT));
    }

    @Test
    void opaqueMarkerAfterItsSiblingsStillHidesOnlyTheLowerLayers() throws Exception {
        FileTree t = merge(LayerTar.create().dir("cache").file("cache/old1", "a").file("cache/old2", "b")
                        .dir("cache/sub").file("cache/sub/old3", "c"),
                LayerTar.create().dir("cache").file("cache/fresh.dat", "new").opaque("cache"));
        assertEquals(List.of("cache", "cache/fresh.dat"), visiblePaths(t));
        assertEquals(HiddenVersion.Reason.OPAQUE, hidden(t, "cache/sub/old3").reason());
        assertEquals(1, hidden(t, "cache/old1").hiddenBy());
    }

    @Test
    void opaqueMarkerOfADirectoryNoLowerLayerHasCreatesIt() throws Exception {
        FileTree t = merge(LayerTar.create().file("a", "1"), LayerTar.create().opaque("new/dir"));
        assertEquals(List.of("a", "new", "new/dir"), visiblePaths(t));
        assertEquals(EntryKind.DIR, t.lookup("/new/dir").orElseThrow().kind());
    }

    @Test
    void bareWhiteoutIsAFindingAndDeletesNothing() throws Exception {
        FileTree t = merge(LayerTar.create().dir("d").file("d/x", "1"), LayerTar.create().file("d/.wh.", ""));
        assertEquals(List.of("d", "d/x"), visiblePaths(t));
        assertTrue(hasFinding(t.layers().get(1).findings(), "bare-whiteout"));
    }

    @Test
    void samePathTwiceInOneLayerLastWinsAndTheEarlierIsHidden() throws Exception {
        FileTree t = merge(LayerTar.create().file("f", "first version").file("f", "second"));
        VisibleFile f = t.lookup("f").orElseThrow();
        assertEquals(6, f.size());
        assertEquals(1, f.entry());
        HiddenVersion h = hidden(t, "f");
        assertEquals(HiddenVersion.Reason.SAME_LAYER, h.reason());
        assertEquals(0, h.entry());
        assertTrue(hasFinding(t.findings(), "duplicate-path"));
    }

    @Test
    void hardlinkToAFileInALowerLayerSharesItsContent() throws Exception {
        FileTree t = merge(LayerTar.create().dir("bin").file("bin/tool", "#!/bin/sh\necho hi\n"),
                LayerTar.create().hardlink("bin/alias", "bin/tool"));
        VisibleFile alias = t.lookup("/bin/alias").orElseThrow();
        VisibleFile tool = t.lookup("/bin/tool").orElseThrow();
        assertEquals(EntryKind.HARDLINK, alias.kind());
        assertEquals(1, alias.layer());
        assertEquals(0, alias.contentLayer());
        assertEquals(tool.size(), alias.size());
        assertEquals(tool.sha256(), alias.sha256());
        assertEquals(tool.inodeKey(), alias.inodeKey());
    }

    @Test
    void hardlinkKeepsTheBytesOfATargetHiddenLater() throws Exception {
        FileTree t = merge(LayerTar.create().file("a", "shared bytes"), LayerTar.create().hardlink("b", "a"),
                LayerTar.create().whiteout("a"));
        assertEquals(List.of("b"), visiblePaths(t));
        VisibleFile b = t.lookup("b").orElseThrow();
        assertEquals(12, b.size());
        assertEquals(HiddenVersion.Reason.WHITEOUT, hidden(t, "a").reason());
    }

    @Test
    void hardlinkToAMissingTargetIsAFinding() throws Exception {
        FileTree t = merge(LayerTar.create().hardlink("b", "nowhere"));
        assertTrue(hasFinding(t.findings(), "hardlink-missing-target"));
    }

    @Test
    void directoryOverDirectoryChangesAttributesOnly() throws Exception {
        FileTree t = merge(LayerTar.create().dir("d", 0755, 0, 0).file("d/child", "c"),
                LayerTar.create().dir("d", 0700, 5, 6));
        VisibleFile d = t.lookup("d").orElseThrow();
        assertEquals(0700, d.mode());
        assertEquals(5, d.uid());
        assertEquals(1, d.layer());
        assertTrue(t.lookup("d/child").isPresent());
        assertTrue(t.hidden().isEmpty());
    }

    @Test
    void anythingElseReplacesAndAReplacedDirectoryTakesItsSubtree() throws Exception {
        FileTree t = merge(LayerTar.create().dir("d").file("d/child", "c").file("f", "file"),
                LayerTar.create().file("d", "now a file").dir("f").file("f/inside", "i"));
        assertEquals(EntryKind.FILE, t.lookup("d").orElseThrow().kind());
        assertFalse(t.lookup("d/child").isPresent());
        assertEquals(HiddenVersion.Reason.PARENT_REPLACED, hidden(t, "d/child").reason());
        assertEquals(EntryKind.DIR, t.lookup("f").orElseThrow().kind());
        assertEquals(HiddenVersion.Reason.OVERWRITTEN, hidden(t, "f").reason());
        assertTrue(t.lookup("f/inside").isPresent());
    }

    @Test
    void symlinkReplacedByAFileAndBack() throws Exception {
        FileTree t = merge(LayerTar.create().symlink("l", "target"), LayerTar.create().file("l", "real"),
                LayerTar.create().symlink("l", "elsewhere"));
        VisibleFile l = t.lookup("l").orElseThrow();
        assertEquals(EntryKind.SYMLINK, l.kind());
        assertEquals("elsewhere", l.linkTarget().orElseThrow());
        assertEquals(2, t.hidden().size());
    }

    @Test
    void dotDotEscapingTheRootIsAFindingNeverFollowed() throws Exception {
        FileTree t = merge(LayerTar.create().file("../../etc/passwd", "root::0:0").file("ok/../fine", "f"));
        assertEquals(List.of("fine"), visiblePaths(t));
        assertTrue(hasFinding(t.layers().get(0).findings(), "path-escape"));
    }

    @Test
    void allFindingsTagsLayerFindingsWithTheirLayer() throws Exception {
        FileTree t = merge(LayerTar.create().file("a", "1"), LayerTar.create().file("../x", "2").file("b", "1")
                .file("b", "2"));
        Finding escape = t.allFindings().stream().filter(f -> f.code().equals("path-escape")).findFirst().orElseThrow();
        assertEquals(java.util.Optional.of(1), escape.layer());
        Finding twice = t.allFindings().stream().filter(f -> f.code().equals("duplicate-path")).findFirst()
                .orElseThrow();
        assertEquals(java.util.Optional.of(1), twice.layer());
        assertEquals(java.util.Optional.of("/b"), twice.path());
    }

    @Test
    void paxGlobalHeaderDoesNotBecomeAFile() throws Exception {
        Path f = dir.resolve("global.tar");
        Files.write(f, new RawTar().pax('g', Map.of("comment", "git archive")).entry("app/x", '0', "x".getBytes())
                .finish());
        FileTree t = OverlayMerger.merge(List.of(LayerTar.scanFile(f)));
        assertEquals(List.of("app", "app/x"), visiblePaths(t));
    }

    @Test
    void everyHiddenVersionKnowsItsHoldingAndHidingLayers() throws Exception {
        FileTree t = merge(LayerTar.create().file("a", "v0"), LayerTar.create().file("a", "v1"),
                LayerTar.create().file("a", "v2"), LayerTar.create().whiteout("a"));
        assertEquals(List.of(), visiblePaths(t));
        List<String> versions = t.hidden().stream().map(h -> h.layer() + "->" + h.hiddenBy()).toList();
        assertEquals(List.of("0->1", "1->2", "2->3"), versions);
    }
}
