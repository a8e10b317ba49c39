package io.strata.report;

import io.strata.layer.EntryKind;
import io.strata.model.Digest;
import io.strata.model.ImagePath;
import io.strata.tree.VisibleFile;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The treemap's bounded tree: every byte accounted for, few nodes for many files, deep paths survive. */
class HtmlTreemapTest {
    private static int entry;

    private static VisibleFile file(String path, long size, int layer) {
        int e = entry++;
        return new VisibleFile(new ImagePath(path), EntryKind.FILE, 0644, 0, 0, size, Optional.empty(),
                Optional.of(new Digest("sha256", "0".repeat(64))), layer, e, layer, e, 0, Map.of());
    }

    private static int count(TreemapBuilder.Node n) {
        int c = 1;
        for (TreemapBuilder.Node k : n.children()) c += count(k);
        return c;
    }

    @Test
    void twoHundredThousandFilesBecomeABoundedTreeWithEveryByte() {
        List<VisibleFile> files = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < 200_000; i++) {
            long size = 32 + (i * 7919L) % 8000;
            total += size;
            files.add(file("data/" + (char) ('a' + i % 5) + "/d" + (i % 1000) + "/f" + i + ".txt", size, i % 5));
        }
        files.sort(java.util.Comparator.comparing(VisibleFile::path));
        TreemapBuilder.Node root = TreemapBuilder.build(files, 8, 3000, 0.0002);
        assertEquals(total, root.bytes());
        assertEquals(200_000, root.files());
        int nodes = count(root);
        assertTrue(nodes <= 3000 && nodes > 500, "nodes: " + nodes);
        assertTrue(HtmlReport.compactJson(TreemapBuilder.json(root)).length() < 300_000);
    }

    @Test
    void aSmallTreeIsShownWholeWithTheDominantLayer() {
        List<VisibleFile> files = List.of(file("bin/busybox", 2_000_000, 0), file("opt/app/a.txt", 10, 1),
                file("opt/app/b.txt", 20, 2), file("opt/app/c.txt", 30, 2));
        TreemapBuilder.Node root = TreemapBuilder.build(files, 3, 4000, 0.01);
        assertEquals(8, count(root), "root, bin, busybox, opt/app (chain kept as opt and app) and three files: "
                + TreemapBuilder.json(root));
        TreemapBuilder.Node opt = root.children().stream().filter(n -> n.name().equals("opt")).findFirst().orElseThrow();
        assertEquals(60, opt.bytes());
        assertEquals(2, opt.layer(), "layer 2 put 50 of its 60 bytes there");
        assertEquals(0, root.layer());
    }

    @Test
    void deepPathsDoNotOverflowTheStack() {
        StringBuilder p = new StringBuilder();
        for (int i = 0; i < 10_000; i++) p.append("d/");
        TreemapBuilder.Node root = TreemapBuilder.build(List.of(file(p + "leaf", 5, 0)), 1, 100, 0.0);
        assertEquals(5, root.bytes());
        assertTrue(HtmlReport.compactJson(TreemapBuilder.json(root)).startsWith("{\"n\":\"/\",\"s\":5,"));
    }
}
