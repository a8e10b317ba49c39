package io.strata.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Equality of two layer indexes in every column, raw and as the public accessors show them. */
public final class LayerIndexAssertions {
    private LayerIndexAssertions() {
    }

    public static void assertSameIndex(LayerIndex expected, LayerIndex actual, String what) {
        assertEquals(expected.totals(), actual.totals(), what + ": totals");
        assertEquals(expected.findings(), actual.findings(), what + ": findings");
        assertEquals(expected.size(), actual.size(), what + ": entries");
        LayerIndex.Columns e = expected.columns();
        LayerIndex.Columns a = actual.columns();
        assertArrayEquals(e.kinds(), a.kinds(), what + ": kinds");
        assertArrayEquals(e.modes(), a.modes(), what + ": modes");
        assertArrayEquals(e.uids(), a.uids(), what + ": uids");
        assertArrayEquals(e.gids(), a.gids(), what + ": gids");
        assertArrayEquals(e.sizes(), a.sizes(), what + ": sizes");
        assertArrayEquals(e.mtimes(), a.mtimes(), what + ": mtimes");
        assertArrayEquals(e.paths().folders(), a.paths().folders(), what + ": folder ids");
        assertArrayEquals(e.paths().nameArena(), a.paths().nameArena(), what + ": names");
        assertArrayEquals(e.paths().nameEnds(), a.paths().nameEnds(), what + ": name ends");
        assertArrayEquals(e.paths().folderArena(), a.paths().folderArena(), what + ": folders");
        assertArrayEquals(e.paths().folderEnds(), a.paths().folderEnds(), what + ": folder ends");
        assertArrayEquals(e.linkArena(), a.linkArena(), what + ": link targets");
        assertArrayEquals(e.linkEnds(), a.linkEnds(), what + ": link ends");
        assertArrayEquals(e.digests(), a.digests(), what + ": digests");
        assertEquals(e.xattrs(), a.xattrs(), what + ": xattrs");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.entry(0, i), actual.entry(0, i), what + ": entry " + i);
        }
    }
}
