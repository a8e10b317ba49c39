package io.strata.analysis.files;

import io.strata.layer.EntryKind;
import io.strata.model.ImagePath;
import io.strata.report.FileModeText;
import io.strata.tree.FileTree;
import io.strata.tree.HiddenVersion;
import io.strata.tree.Testdata;
import io.strata.tree.VisibleFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sample image's special cases, expected values read from its .facts.txt (docker's own layer listings). */
class SampleFilesTest {
    private static final Path FACTS = Testdata.ROOT.resolve("sample/sample.docker-save.tar.facts.txt");
    private static FileTree tree;
    private static List<FactsListing.Line> facts;

    @BeforeAll
    static void load() throws Exception {
        tree = Testdata.sample().tree();
        facts = FactsListing.read(FACTS, 0);
    }

    private static FactsListing.Line fact(String path) {
        return facts.stream().filter(l -> l.path().equals(path)).reduce((a, b) -> b).orElseThrow();
    }

    private static int layerOf(String path) {
        return fact(path).layer();
    }

    @Test
    void deletedFilesAreGoneAndListedWithTheirLayers() {
        for (String path : List.of("opt/app/data/obsolete.txt", "opt/app/data/big.bin")) {
            assertTrue(tree.lookup(path).isEmpty(), path + " should be gone");
            int whiteoutLayer = layerOf(path.replaceFirst("[^/]+$", ".wh.$0"));
            DeletedVersion d = DeletedVersions.of(tree, FileFilter.ALL).stream()
                    .filter(v -> v.entry().path().relative().equals(path)).findFirst().orElseThrow();
            assertEquals(layerOf(path), d.entry().layer(), path);
            assertEquals(whiteoutLayer, d.hiddenBy(), path);
            assertEquals(HiddenVersion.Reason.WHITEOUT, d.reason());
            assertEquals(fact(path).size(), d.entry().size());
        }
    }

    @Test
    void opaqueAppcacheHoldsOnlyWhatItsOwnLayerPutThere() {
        int opaqueLayer = layerOf("var/cache/appcache/.wh..wh..opq");
        Set<String> expected = facts.stream()
                .filter(l -> l.layer() == opaqueLayer && l.path().startsWith("var/cache/appcache/")
                        && !l.path().contains(".wh."))
                .map(FactsListing.Line::path).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of("var/cache/appcache/fresh.dat"), expected);
        Set<String> visible = tree.children(new ImagePath("var/cache/appcache")).stream()
                .map(f -> f.path().relative()).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, visible);
        long hiddenByOpaque = tree.hidden().stream()
                .filter(h -> h.reason() == HiddenVersion.Reason.OPAQUE && h.hiddenBy() == opaqueLayer).count();
        long lowerEntries = facts.stream().filter(l -> l.layer() < opaqueLayer
                && l.path().startsWith("var/cache/appcache/")).count();
        assertEquals(lowerEntries, hiddenByOpaque);
    }

    @Test
    void linked2IsAHardlinkToLinked1() {
        FactsListing.Line line = fact("opt/app/data/linked-2.txt");
        assertTrue(line.hardlink());
        VisibleFile two = tree.lookup("opt/app/data/linked-2.txt").orElseThrow();
        VisibleFile one = tree.lookup("opt/app/data/linked-1.txt").orElseThrow();
        assertEquals(EntryKind.HARDLINK, two.kind());
        assertEquals(line.link(), two.linkTarget().orElseThrow());
        assertEquals(one.inodeKey(), two.inodeKey());
        assertEquals(fact("opt/app/data/linked-1.txt").size(), two.size());
        HardlinkGroups groups = new HardlinkGroups(tree.visible());
        assertEquals(2, groups.nlink(one));
        assertEquals(2, groups.nlink(two));
    }

    @Test
    void setuidAndSetgidFilesAreFoundWithTheirModes() {
        Set<String> expected = facts.stream().filter(l -> l.mode().charAt(3) == 's' || l.mode().charAt(6) == 's')
                .map(FactsListing.Line::path).collect(Collectors.toCollection(TreeSet::new));
        FileFilter setuid = new FileFilter(Optional.empty(), true, false, OptionalLong.empty(), OptionalLong.empty());
        List<VisibleFile> found = tree.visible().stream().filter(setuid::matches).toList();
        assertEquals(expected, found.stream().map(f -> f.path().relative()).collect(Collectors.toCollection(TreeSet::new)));
        for (VisibleFile f : found) {
            assertEquals(fact(f.path().relative()).mode(), FileModeText.ls(f.kind(), f.mode()));
        }
        assertEquals("4755", FileModeText.octal(tree.lookup("opt/app/bin/suid-tool").orElseThrow().mode()));
    }

    @Test
    void ownersAreWhatTheFactsSay() {
        for (int[] owner : new int[][]{{1000, 1000}, {1234, 5678}}) {
            Set<String> expected = facts.stream().filter(l -> l.uid() == owner[0] && l.gid() == owner[1])
                    .map(FactsListing.Line::path).collect(Collectors.toCollection(TreeSet::new));
            assertFalse(expected.isEmpty());
            FileFilter f = new FileFilter(Optional.empty(), false, false, OptionalLong.of(owner[0]),
                    OptionalLong.of(owner[1]));
            List<VisibleFile> found = tree.visible().stream().filter(f::matches).toList();
            assertEquals(expected, found.stream().map(v -> v.path().relative())
                    .collect(Collectors.toCollection(TreeSet::new)));
            OwnerTotal total = OwnerSummary.of(tree.visible()).stream()
                    .filter(o -> o.uid() == owner[0] && o.gid() == owner[1]).findFirst().orElseThrow();
            assertEquals(expected.size(), total.files());
            long bytes = facts.stream().filter(l -> l.uid() == owner[0] && l.gid() == owner[1])
                    .mapToLong(FactsListing.Line::size).sum();
            assertEquals(bytes, total.bytes());
        }
    }

    @Test
    void layerChangesOfTheWhiteoutLayerAreTheTwoDeletions() {
        int layer = layerOf("opt/app/data/.wh.big.bin");
        List<LayerChange> changes = LayerChanges.of(io.strata.tree.LayerStack.of(tree.layers()), layer);
        Set<String> deleted = changes.stream().filter(c -> c.change() == LayerChange.Change.DELETED)
                .map(c -> c.path().relative()).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of("opt/app/data/big.bin", "opt/app/data/obsolete.txt"), deleted);
        assertTrue(changes.stream().noneMatch(c -> c.change() == LayerChange.Change.ADDED));
        int chmodLayer = layerOf("opt/app/conf/app.conf");
        LayerChange conf = LayerChanges.of(io.strata.tree.LayerStack.of(tree.layers()), chmodLayer).stream()
                .filter(c -> c.path().relative().equals("opt/app/conf/app.conf")).findFirst().orElseThrow();
        assertEquals(LayerChange.Change.MODIFIED, conf.change());
        assertEquals(0644, conf.before().orElseThrow().mode());
        assertEquals(0600, conf.after().orElseThrow().mode());
    }
}
