package io.strata.layer;

import io.strata.archive.ImageArchive;
import io.strata.archive.LayerRef;
import io.strata.model.ImagePath;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Reads the bytes of one small regular file from one layer blob (the package database that advice needs).
 * Streams the layer until its end, since the last entry of a path wins; empty when the entry is absent, not a
 * regular file, larger than max, or the layer cannot be read again.
 */
public final class LayerFileReader {
    private LayerFileReader() {
    }

    public static Optional<byte[]> read(ImageArchive archive, LayerRef layer, String relativePath, int maxBytes,
                                 long maxInflateRatio) {
        try (InputStream stored = archive.openLayer(layer)) {
            TarArchiveInputStream tar = new TarArchiveInputStream(LayerDecompression.open(stored, maxInflateRatio).tar());
            TarArchiveEntry e;
            Optional<byte[]> found = Optional.empty();
            while ((e = tar.getNextEntry()) != null) {
                Optional<ImagePath> p = ImagePath.normalise(e.getName());
                if (p.isEmpty() || !p.get().relative().equals(relativePath)) continue;
                found = e.isFile() && e.getSize() <= maxBytes ? Optional.of(tar.readNBytes(maxBytes)) : Optional.empty();
            }
            return found;
        } catch (IOException | RuntimeException e) {
            // the scan already reported a layer that cannot be read; the advice goes on without the database
            return Optional.empty();
        }
    }
}
