package io.strata.tree;

import io.strata.archive.ImageArchive;
import io.strata.archive.ImageArchives;
import io.strata.archive.ImageEntry;
import io.strata.archive.Limits;
import io.strata.layer.LayerIndex;
import io.strata.layer.LayerLoader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The real archives under testdata/ and their merged listings, opened and merged for golden tests. */
public final class Testdata {
    public static final Path ROOT = Path.of("testdata");

    /** One image of one archive, merged, with the flattener's listing of it when there is one. */
    public record MergedCase(Path archive, ImageEntry image, List<LayerIndex> layers, FileTree tree) {
        public String name() {
            return archive.getFileName() + " [" + image.position() + "]";
        }
    }

    private Testdata() {
    }

    public static List<Path> archives() throws IOException {
        try (Stream<Path> s = Files.walk(ROOT, 2)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tar")).sorted().toList();
        }
    }

    private static List<MergedCase> cached;

    /** Every image of every archive under testdata/, scanned and merged once per test run. */
    public static synchronized List<MergedCase> mergedImages() throws Exception {
        if (cached == null) cached = List.copyOf(scanAll());
        return cached;
    }

    private static List<MergedCase> scanAll() throws Exception {
        List<MergedCase> out = new ArrayList<>();
        try (LayerLoader loader = new LayerLoader()) {
            for (Path archive : archives()) {
                try (ImageArchive a = ImageArchives.open(archive.toString(), Limits.DEFAULT)) {
                    for (ImageEntry e : a.images()) {
                        if (e.kind() != ImageEntry.Kind.IMAGE) continue;
                        List<LayerIndex> layers = loader.load(a, e.layers());
                        out.add(new MergedCase(archive, e, layers, OverlayMerger.merge(layers)));
                    }
                }
            }
        }
        return out;
    }

    public static MergedCase sample() throws Exception {
        try (LayerLoader loader = new LayerLoader();
             ImageArchive a = ImageArchives.open(ROOT.resolve("sample/sample.docker-save.tar").toString(),
                     Limits.DEFAULT)) {
            ImageEntry e = a.images().get(0);
            List<LayerIndex> layers = loader.load(a, e.layers());
            return new MergedCase(ROOT.resolve("sample/sample.docker-save.tar"), e, layers, OverlayMerger.merge(layers));
        }
    }
}
