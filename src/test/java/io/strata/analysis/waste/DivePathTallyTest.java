package io.strata.analysis.waste;

import io.strata.layer.LayerIndex;
import io.strata.testing.LayerTar;
import io.strata.tree.LayerPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fast tally against dive's own tree walk ({@link DiveEfficiency#tallyByTreeWalk}) on random layer stacks:
 * whenever the fast one answers, its figures are the tree walk's.
 */
class DivePathTallyTest {
    private static final String[] NAMES = {"a", "b", "c", "-x", "é"};

    @TempDir
    Path dir;

    @Test
    void equalsDivesTreeWalkOnRandomLayerStacks() throws Exception {
        Random random = new Random(20261201);
        int fast = 0;
        int withWhiteouts = 0;
        int images = 400;
        for (int image = 0; image < images; image++) {
            List<LayerIndex> layers = new ArrayList<>();
            int layerCount = 1 + random.nextInt(4);
            List<String> below = new ArrayList<>();
            boolean deletes = false;
            for (int l = 0; l < layerCount; l++) {
                LayerTar tar = LayerTar.create();
                List<String> written = new ArrayList<>();
                int entries = random.nextInt(12);
                for (int e = 0; e < entries; e++) {
                    String path = randomPath(random);
                    switch (random.nextInt(l == 0 ? 8 : 11)) {
                        case 0, 1, 2, 3, 9 -> tar.file(path, new byte[random.nextInt(50)], 0644, 0, 0);
                        case 4, 5 -> tar.dir(path);
                        case 6 -> tar.symlink(path, "a");
                        case 7 -> tar.opaque(path);
                        default -> {
                            // mostly whiteouts of what lower layers wrote, so that they find their path
                            deletes = true;
                            tar.whiteout(!below.isEmpty() && random.nextInt(5) > 0
                                    ? below.get(random.nextInt(below.size())) : path);
                            continue;
                        }
                    }
                    written.add(path);
                }
                below.addAll(written);
                layers.add(tar.scanAt(dir.resolve(image + "-" + l + ".tar")));
            }
            Optional<DiveEfficiency.Tally> quick = DivePathTally.tally(LayerPaths.of(layers));
            if (quick.isEmpty()) continue;
            fast++;
            if (deletes) withWhiteouts++;
            assertSameTally(DiveEfficiency.tallyByTreeWalk(layers), quick.get(), "image " + image);
        }
        // the comparison must have been made often, layers with whiteouts included
        assertTrue(fast > images / 2 && withWhiteouts > images / 8,
                "fast tally answered " + fast + " of " + images + ", " + withWhiteouts + " of them with whiteouts");
    }

    @Test
    void givesUpWhereDivesOrderMatters() throws Exception {
        // a whiteout of a path that is not below: dive stops the layer at that point in its order
        List<LayerIndex> missing = List.of(
                LayerTar.create().file("a", "1").scanAt(dir.resolve("m0.tar")),
                LayerTar.create().whiteout("zzz").file("b", "2").scanAt(dir.resolve("m1.tar")));
        assertTrue(DivePathTally.tally(LayerPaths.of(missing)).isEmpty());
        // one layer deletes and writes the same path
        List<LayerIndex> both = List.of(
                LayerTar.create().file("a/x", "1").scanAt(dir.resolve("b0.tar")),
                LayerTar.create().whiteout("a").file("a/y", "2").scanAt(dir.resolve("b1.tar")));
        assertTrue(DivePathTally.tally(LayerPaths.of(both)).isEmpty());
        // an ordinary stack is tallied, and equals the tree walk
        List<LayerIndex> plain = List.of(
                LayerTar.create().file("a/x", "1").file("a/y", "22").scanAt(dir.resolve("p0.tar")),
                LayerTar.create().whiteout("a/x").file("a/y", "333").scanAt(dir.resolve("p1.tar")));
        assertSameTally(DiveEfficiency.tallyByTreeWalk(plain), DivePathTally.tally(LayerPaths.of(plain)).orElseThrow(), "plain");
    }

    private static String randomPath(Random random) {
        int depth = 1 + random.nextInt(3);
        StringBuilder b = new StringBuilder();
        for (int d = 0; d < depth; d++) {
            if (d > 0) b.append('/');
            b.append(NAMES[random.nextInt(NAMES.length)]);
        }
        return b.toString();
    }

    private static void assertSameTally(DiveEfficiency.Tally expected, DiveEfficiency.Tally actual, String what) {
        assertEquals(expected.minimum(), actual.minimum(), what + ": minimum");
        assertEquals(expected.discovered(), actual.discovered(), what + ": discovered");
        assertEquals(expected.wasted(), actual.wasted(), what + ": wasted");
        assertEquals(sorted(expected.inefficient()), sorted(actual.inefficient()), what + ": inefficient paths");
    }

    private static List<DivePath> sorted(List<DivePath> paths) {
        List<DivePath> out = new ArrayList<>(paths);
        out.sort(Comparator.comparing(DivePath::path));
        return out;
    }
}
