package io.strata.fleet;

import java.io.Serializable;

/**
 * Stage 3's result for one distinct blob: the layer's totals and its compact index serialised with the layer
 * cache's codec ({@code index}), or the reason the blob could not be scanned ({@code error}, figures then 0).
 */
public record ScannedBlob(String key, String archive, String diffId, String blobDigest, String compression,
                          long compressedBytes, long tarBytes, long contentBytes, int entries, byte[] index,
                          String error) implements Serializable {

    /** The figures only, for the driver: the index stays on the executors. */
    public ScannedBlob withoutIndex() {
        return new ScannedBlob(key, archive, diffId, blobDigest, compression, compressedBytes, tarBytes, contentBytes,
                entries, null, error);
    }

    static ScannedBlob failed(String key, String archive, String error) {
        return new ScannedBlob(key, archive, null, null, null, 0, 0, 0, 0, null, error);
    }
}
