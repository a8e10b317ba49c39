package io.strata.diff;

import io.strata.diff.DiffFixtures.Layer;
import io.strata.diff.FileChange.Field;
import io.strata.diff.FileChange.Kind;
import io.strata.layer.EntryKind;
import io.strata.layer.LayerIndex;
import io.strata.tree.FileTree;
import io.strata.tree.OverlayMerger;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileDiffTest {
    private static final DiffOptions DEFAULTS = DiffOptions.DEFAULT;

    /** A base both sides share: a few files and directories every case below changes in its own way. */
    private static LayerIndex base() {
        return new Layer()
                .dir("etc").file("etc/app.conf", "mode=1\n").file("etc/keep.conf", "same\n")
                .dir("usr").dir("usr/lib").dir("usr/lib/plugin").file("usr/lib/plugin/a.so", "aaaa")
                .file("usr/lib/plugin/b.so", "bbbb").file("usr/lib/libz.so", "zzzz")
                .dir("var").dir("var/cache").file("var/cache/old.dat", "old")
                .file("opt-tool", "#!/bin/sh\n", 0755, 0, 0)
                .symlink("current", "/usr/lib/libz.so")
                .file("owned.txt", "x", 0644, 0, 0)
                .file("tagged.txt", "t")
                .scan();
    }

    private static Map<String, FileChange> byPath(FileDiff d) {
        return d.changes().stream().collect(Collectors.toMap(c -> c.path().absolute(), c -> c, (a, b) -> a, TreeMap::new));
    }

    private static FileDiff diff(List<LayerIndex> a, List<LayerIndex> b, DiffOptions o) {
        return FileDiff.compare(io.strata.tree.LayerStack.of(a), DiffFixtures.steps(a.size(), "A step "),
                io.strata.tree.LayerStack.of(b), DiffFixtures.steps(b.size(), "B step "), o);
    }

    @Test
    void everyKindOfChangeAboveASharedBase() {
        LayerIndex base = base();
        LayerIndex onA = new Layer().file("etc/app.conf", "mode=2\n").scan();
        LayerIndex onB = new Layer()
                .whiteout("usr/lib/plugin")                       // a whole directory deleted
                .opaque("var/cache").file("var/cache/new.dat", "new") // directory replaced
                .file("opt-tool", "#!/bin/sh\n", 0700, 0, 0)      // chmod: metadata only
                .symlink("current", "/usr/lib/libz.so.2")         // new link target
                .file("owned.txt", "x", 0644, 1000, 1000)         // chown
                .fileWithXattr("tagged.txt", "t", "user.note", "hi")
                .dir("srv").dir("srv/new").file("srv/new/readme", "hello") // new directories and file
                .scan();
        FileDiff d = diff(List.of(base, onA), List.of(base, onB), DEFAULTS);
        Map<String, FileChange> c = byPath(d);
        assertEquals(List.of("/current", "/etc/app.conf", "/opt-tool", "/owned.txt", "/srv", "/srv/new",
                "/srv/new/readme", "/tagged.txt", "/usr/lib/plugin", "/usr/lib/plugin/a.so", "/usr/lib/plugin/b.so",
                "/var/cache/new.dat", "/var/cache/old.dat"), List.copyOf(c.keySet()));

        FileChange conf = c.get("/etc/app.conf");
        assertEquals(Kind.MODIFIED, conf.kind());
        assertEquals(List.of(Field.CONTENT), conf.fields());
        assertEquals(1, conf.before().orElseThrow().layer());
        assertEquals(Optional.of("A step 1"), conf.before().orElseThrow().createdBy());
        assertEquals(0, conf.after().orElseThrow().layer(), "B still sees the base's copy");
        assertEquals(Optional.of("B step 0"), conf.after().orElseThrow().createdBy());

        assertEquals(Kind.REMOVED, c.get("/usr/lib/plugin").kind());
        assertEquals(Kind.REMOVED, c.get("/usr/lib/plugin/a.so").kind());
        assertEquals(-4, c.get("/usr/lib/plugin/a.so").sizeDelta());
        assertEquals(Kind.REMOVED, c.get("/var/cache/old.dat").kind());
        assertEquals(Kind.ADDED, c.get("/var/cache/new.dat").kind());
        assertEquals(Kind.ADDED, c.get("/srv").kind());
        assertEquals(EntryKind.DIR, c.get("/srv").after().orElseThrow().kind());
        assertEquals(List.of(Field.MODE), c.get("/opt-tool").fields());
        assertEquals(Kind.METADATA, c.get("/opt-tool").kind());
        assertEquals(List.of(Field.LINK_TARGET), c.get("/current").fields());
        assertEquals(List.of(Field.UID, Field.GID), c.get("/owned.txt").fields());
        assertEquals(List.of(Field.XATTRS), c.get("/tagged.txt").fields());

        assertEquals(5 + 3, d.bytesAdded(), "new.dat (3) + readme (5)");
        assertEquals(4 + 4 + 3, d.bytesRemoved(), "a.so, b.so, old.dat");
        assertEquals(1, d.count(Kind.MODIFIED));
        assertEquals(4, d.count(Kind.METADATA));
    }

    @Test
    void theSharedBaseIsSkippedAndTheResultEqualsAFullMergeWalk() {
        LayerIndex base = base();
        LayerIndex onA = new Layer().file("etc/app.conf", "mode=2\n").whiteout("var/cache").scan();
        LayerIndex onB = new Layer().whiteout("usr/lib/plugin").file("etc", "etc is a file now").scan();
        List<LayerIndex> a = List.of(base, onA);
        List<LayerIndex> b = List.of(base, onB);
        FileDiff skipping = diff(a, b, DEFAULTS);
        FileTree ta = OverlayMerger.merge(a);
        FileTree tb = OverlayMerger.merge(b);
        List<FileChange> full = FileDiff.walk(ta.visible(), tb.visible(), DiffFixtures.steps(2, "A step "),
                DiffFixtures.steps(2, "B step "), DEFAULTS);
        // the walk alone does not say which layer of B removed a path; compare() adds that
        assertEquals(full, skipping.changes().stream().map(c -> new FileChange(c.path(), c.kind(), c.fields(),
                c.before(), c.after())).toList());
        assertEquals(Optional.of(1), byPath(skipping).get("/usr/lib/plugin/a.so").removedBy().flatMap(r -> r.layer()),
                "B's layer 1 removed it");
        assertTrue(skipping.examinedPaths() < ta.visible().size() + tb.visible().size(),
                "examined " + skipping.examinedPaths() + " paths");
        assertEquals(Kind.METADATA, byPath(skipping).get("/etc").kind(), "directory replaced by a file");
        assertEquals(List.of(Field.TYPE, Field.MODE), byPath(skipping).get("/etc").fields());
    }

    @Test
    void identicalStacksCompareNothing() {
        LayerIndex base = base();
        FileDiff d = diff(List.of(base), List.of(base), DEFAULTS);
        assertTrue(d.identical());
        assertEquals(0, d.examinedPaths());
    }

    @Test
    void mtimesCountOnlyWhenAskedFor() {
        List<LayerIndex> a = List.of(new Layer().mtime(1000).dir("d").file("d/f", "same").scan());
        List<LayerIndex> b = List.of(new Layer().mtime(2000).dir("d").file("d/f", "same").scan());
        assertTrue(diff(a, b, DEFAULTS).identical());
        FileDiff withTimes = diff(a, b, new DiffOptions(EnumSet.of(Section.FILES), true, PathPatterns.NONE));
        assertEquals(List.of("/d", "/d/f"), withTimes.changes().stream().map(ch -> ch.path().absolute()).toList());
        assertEquals(List.of(Field.MTIME), withTimes.changes().get(1).fields());
    }

    @Test
    void whichNameOfAHardlinkPairCarriesTheLinkFlagDoesNotMatter() {
        List<LayerIndex> a = List.of(new Layer().file("x", "payload").hardlink("y", "x").scan());
        List<LayerIndex> b = List.of(new Layer().file("y", "payload").hardlink("x", "y").scan());
        assertTrue(diff(a, b, DEFAULTS).identical());
        List<LayerIndex> c = List.of(new Layer().file("y", "other").hardlink("x", "y").scan());
        assertEquals(List.of("/x", "/y"), diff(a, c, DEFAULTS).changes().stream().map(ch -> ch.path().absolute()).toList());
    }

    @Test
    void ignoredPathsAreLeftOut() {
        List<LayerIndex> a = List.of(new Layer().dir("var").dir("var/log").file("var/log/a.log", "1").file("keep", "1").scan());
        List<LayerIndex> b = List.of(new Layer().dir("var").file("keep", "2").file("x.pyc", "c").scan());
        DiffOptions o = new DiffOptions(EnumSet.allOf(Section.class), false,
                PathPatterns.of(List.of("/var/log/**", "*.pyc")));
        assertEquals(List.of("/keep"), diff(a, b, o).changes().stream().map(ch -> ch.path().absolute()).toList());
    }
}
