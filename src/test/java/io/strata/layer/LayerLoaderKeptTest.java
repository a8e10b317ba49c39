package io.strata.layer;

import io.strata.archive.ImageArchive;
import io.strata.archive.ImageArchives;
import io.strata.archive.ImageEntry;
import io.strata.archive.Limits;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The loader keeps scanned layers for later images up to a budget of heap; beyond it the least recently used go,
 * and one needed again is read again. pair/ holds two images of 4 and 5 layers sharing 3 (6 distinct).
 */
class LayerLoaderKeptTest {
    private static final String PAIR = "testdata/pair/pair.docker-save.tar";

    @Test
    void withinTheBudgetASharedLayerIsReadOnce() throws Exception {
        try (LayerLoader loader = new LayerLoader(LayerScanner.Options.DEFAULT, 2, ScanCache.NONE,
                LayerLoader.DEFAULT_KEPT_BYTES); ImageArchive a = ImageArchives.open(PAIR, Limits.DEFAULT)) {
            List<ImageEntry> images = a.images();
            loader.load(a, images.get(0).layers());
            loader.load(a, images.get(1).layers());
            loader.load(a, images.get(0).layers());
            assertEquals(6, loader.scans());
        }
    }

    @Test
    void beyondTheBudgetOlderLayersAreLetGoAndReadAgain() throws Exception {
        // a budget of nothing keeps only the layers of the latest request
        try (LayerLoader loader = new LayerLoader(LayerScanner.Options.DEFAULT, 2, ScanCache.NONE, 0);
             ImageArchive a = ImageArchives.open(PAIR, Limits.DEFAULT)) {
            List<ImageEntry> images = a.images();
            int first = images.get(0).layers().size();
            int second = images.get(1).layers().size();
            loader.load(a, images.get(0).layers());
            assertEquals(first, loader.scans());
            loader.load(a, images.get(0).layers()); // the latest request's layers stay
            assertEquals(first, loader.scans());
            int shared = first + second - 6;
            loader.load(a, images.get(1).layers()); // the shared layers are still kept, the others are new
            assertEquals(6, loader.scans());
            loader.load(a, images.get(0).layers()); // image 0's own layers were let go: read again
            assertEquals(6 + (first - shared), loader.scans());
        }
    }
}
