package io.strata.packages;

import io.strata.archive.ImageArchive;
import io.strata.archive.ImageArchives;
import io.strata.archive.ImageEntry;
import io.strata.archive.LayerRef;
import io.strata.layer.LayerDecompression;
import io.strata.model.Finding;
import io.strata.model.ImagePath;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Test input for the readers and inspectors, straight from a test image's layer tars (independent of the
 * scanner's capture): the captured files of every layer (later layers win) and what each inspector found.
 */
final class LayerFiles implements PackageFiles {
    final Map<String, byte[]> captured = new TreeMap<>();
    final List<DeclaredPackage> inspected = new ArrayList<>();
    final List<Finding> findings = new ArrayList<>();
    /** Layer index by captured or inspected path: a test may check attribution against it. */
    final Map<String, Integer> layerOf = new TreeMap<>();

    static LayerFiles of(String archive, List<DatabaseReader> readers, List<ArtifactInspector> inspectors) throws Exception {
        LayerFiles files = new LayerFiles();
        try (ImageArchive a = ImageArchives.open(archive)) {
            ImageEntry image = a.images().get(0);
            for (LayerRef layer : image.layers()) {
                try (InputStream stored = a.openLayer(layer);
                     TarArchiveInputStream tar = new TarArchiveInputStream(LayerDecompression.open(stored, 1000).tar())) {
                    TarArchiveEntry e;
                    while ((e = tar.getNextTarEntry()) != null) {
                        if (!e.isFile()) continue;
                        Optional<ImagePath> p = ImagePath.normalise(e.getName());
                        if (p.isEmpty()) continue;
                        String path = p.get().absolute();
                        if (readers.stream().anyMatch(r -> r.captures(path))) {
                            files.captured.put(path, tar.readAllBytes());
                            files.layerOf.put(path, layer.index());
                            continue;
                        }
                        for (ArtifactInspector inspector : inspectors) {
                            if (!inspector.wants(path, e.getSize(), e.getMode())) continue;
                            files.inspected.addAll(inspector.inspect(path, tar, files.findings));
                            files.layerOf.put(path, layer.index());
                            break;
                        }
                    }
                }
            }
        }
        return files;
    }

    @Override
    public List<String> paths() {
        return List.copyOf(captured.keySet());
    }

    @Override
    public Optional<byte[]> read(String absolutePath) {
        return Optional.ofNullable(captured.get(absolutePath));
    }
}
