package io.strata.layer;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Reads the bytes of one small recorded entry of a layer (a package database that advice needs) on a second
 * reading of the blob, through the same guards as the scanner (decompression-bomb ratio, tar metadata limits).
 * Empty when the entry is larger than asked, or the layer cannot be read again.
 */
public final class LayerFileReader {
    private LayerFileReader() {
    }

    /** Entry {@code ordinal} of {@code index}, the layer whose stored blob {@code stored} is; at most maxBytes. */
    public static Optional<byte[]> read(InputStream stored, LayerIndex index, int ordinal, int maxBytes,
                                        LayerScanner.Options options) {
        if (ordinal < 0 || ordinal >= index.size() || index.size(ordinal) > maxBytes) return Optional.empty();
        byte[][] found = new byte[1][];
        try (stored) {
            LayerEntryStreamer.stream(stored, index, options, (n, header, content) -> {
                if (n == ordinal) found[0] = content.readNBytes(maxBytes);
                return n < ordinal;
            });
        } catch (LayerException | IOException | RuntimeException e) {
            // the scan already reported a layer that cannot be read; the caller goes on without the file
            return Optional.empty();
        }
        return Optional.ofNullable(found[0]);
    }
}
