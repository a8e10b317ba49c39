package io.strata.cli;

import com.github.luben.zstd.ZstdInputStream;
import io.strata.archive.ImageArchive;
import io.strata.archive.LayerRef;
import io.strata.model.Compression;
import io.strata.model.ImagePath;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Reads the bytes of one small regular file from one layer blob (for package databases that advice needs).
 * Streams the layer until the entry; empty when the entry is absent, not a regular file or larger than max.
 */
final class LayerFileReader {
    private LayerFileReader() {
    }

    static Optional<byte[]> read(ImageArchive archive, LayerRef layer, String relativePath, int maxBytes) {
        try (InputStream stored = archive.openLayer(layer)) {
            BufferedInputStream in = new BufferedInputStream(stored, 1 << 16);
            in.mark(8);
            byte[] head = new byte[4];
            int n = in.readNBytes(head, 0, 4);
            in.reset();
            InputStream tarBytes = switch (Compression.sniff(head, n)) {
                case GZIP -> GzipCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true).get();
                case ZSTD -> new ZstdInputStream(in);
                default -> in;
            };
            TarArchiveInputStream tar = new TarArchiveInputStream(tarBytes);
            TarArchiveEntry e;
            Optional<byte[]> found = Optional.empty();
            while ((e = tar.getNextEntry()) != null) {
                Optional<ImagePath> p = ImagePath.normalise(e.getName());
                if (p.isEmpty() || !p.get().relative().equals(relativePath)) continue;
                // the last entry of a path wins, as in the merge
                found = e.isFile() && e.getSize() <= maxBytes ? Optional.of(tar.readNBytes(maxBytes)) : Optional.empty();
            }
            return found;
        } catch (IOException | RuntimeException e) {
            // a layer that cannot be read again was already reported by the scan; advice goes on without it
            return Optional.empty();
        }
    }
}
