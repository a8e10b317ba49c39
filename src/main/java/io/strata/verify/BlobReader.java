package io.strata.verify;

import io.strata.layer.HashingInputStream;
import io.strata.layer.LayerException;
import io.strata.layer.LayerIndex;
import io.strata.layer.LayerScanner;
import io.strata.model.Digest;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a stored blob once: hashes the stored bytes in every algorithm needed and, for a layer of an image,
 * lets the layer scanner parse the same bytes as they pass (diffId, tar structure, entries, lints). Each byte is
 * hashed once per algorithm: for a layer, the SHA-256 is the scanner's own stored-blob hash, drained to the end here.
 */
public final class BlobReader {
    private BlobReader() {
    }

    public static BlobResult read(InputStream stored, Set<String> algorithms, boolean scanAsLayer,
                                  LayerScanner.Options options) {
        Set<String> wanted = new HashSet<>(algorithms);
        wanted.add("sha256");
        if (scanAsLayer) wanted.remove("sha256"); // the scanner hashes the stored bytes in SHA-256: one hash, shared
        DigestingInputStream digesting = new DigestingInputStream(stored, wanted);
        HashingInputStream sha256 = scanAsLayer ? new HashingInputStream(digesting) : null;
        LayerIndex index = null;
        String failure = null;
        if (scanAsLayer) {
            try {
                index = LayerScanner.scan(sha256, options);
            } catch (LayerException e) {
                failure = e.getMessage();
            }
        }
        try {
            // the scanner may stop early (an error, or bytes after the tar); the digest must cover every byte
            if (scanAsLayer) sha256.skip(Long.MAX_VALUE); // reads through both hashing streams
            digesting.drain();
        } catch (IOException e) {
            if (failure == null) failure = "cannot read: " + e.getMessage();
        }
        Map<String, Digest> digests = new HashMap<>(digesting.digests());
        if (scanAsLayer) digests.put("sha256", sha256.sha256());
        return new BlobResult(digesting.count(), digests, digesting.sniffed(),
                Optional.ofNullable(index), Optional.ofNullable(failure));
    }
}
