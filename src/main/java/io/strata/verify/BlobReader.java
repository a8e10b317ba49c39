package io.strata.verify;

import io.strata.layer.LayerException;
import io.strata.layer.LayerIndex;
import io.strata.layer.LayerScanner;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a stored blob once: hashes the stored bytes in every algorithm needed and, for a layer of an image,
 * lets the layer scanner parse the same bytes as they pass (diffId, tar structure, entries, lints).
 */
public final class BlobReader {
    private BlobReader() {
    }

    public static BlobResult read(InputStream stored, Set<String> algorithms, boolean scanAsLayer,
                                  LayerScanner.Options options) {
        Set<String> wanted = new HashSet<>(algorithms);
        wanted.add("sha256");
        DigestingInputStream digesting = new DigestingInputStream(stored, wanted);
        LayerIndex index = null;
        String failure = null;
        if (scanAsLayer) {
            try {
                index = LayerScanner.scan(digesting, options);
            } catch (LayerException e) {
                failure = e.getMessage();
            }
        }
        try {
            // the scanner may stop early (an error, or bytes after the tar); the digest must cover every byte
            digesting.drain();
        } catch (IOException e) {
            if (failure == null) failure = "cannot read: " + e.getMessage();
        }
        return new BlobResult(digesting.count(), digesting.digests(), digesting.sniffed(),
                Optional.ofNullable(index), Optional.ofNullable(failure));
    }
}
