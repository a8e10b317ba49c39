package io.strata.layer;

import io.strata.model.Compression;
import io.strata.model.Digest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The compact columns give back what went in, and stay compact (a loose bound, not a benchmark). */
class LayerIndexColumnsTest {
    @Test
    void pathsAndLinksRoundTripThroughTheFolderTable() {
        LayerIndexBuilder b = new LayerIndexBuilder();
        List<String> paths = new ArrayList<>();
        for (int d = 0; d < 200; d++) {
            for (int f = 0; f < 100; f++) {
                String p = (d % 3 == 0 ? "" : "usr/share/doc/pkg-" + d + "/") + "file-" + f + (d == 7 ? "-é" : "");
                paths.add(p);
                b.add(p, f % 10 == 0 ? EntryKind.SYMLINK : EntryKind.FILE, 0644, 0, 0, 10, 0,
                        f % 10 == 0 ? "../target-" + f : null, f % 10 == 0 ? null : new byte[32], null);
            }
        }
        b.add("", EntryKind.DIR, 0755, 0, 0, 0, 0, null, null, null);
        LayerIndex idx = b.build(new LayerIndex.Totals(Digest.sha256(new byte[32]), Digest.sha256(new byte[32]),
                Compression.NONE, 0, 0, 0, b.count()));
        for (int i = 0; i < paths.size(); i++) assertEquals(paths.get(i), idx.path(i));
        assertEquals("", idx.path(paths.size()));
        assertEquals("../target-10", idx.linkTarget(10).orElseThrow());
        assertEquals(12, idx.linkTargetBytes(10));
        double perEntry = idx.approximateHeapBytes() / (double) idx.size();
        assertTrue(perEntry < 150, "per-entry heap grew to " + perEntry + " bytes");
    }
}
