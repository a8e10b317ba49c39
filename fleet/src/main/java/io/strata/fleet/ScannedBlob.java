package io.strata.fleet;

import java.io.Serializable;

/**
 * Stage 3's result for one distinct blob: the layer's totals and its compact index serialised with the layer
 * cache's codec ({@code index}), or the reason the blob could not be scanned ({@code error}, figures then 0).
 * {@code contentBytes} is the classic builder's figure (symlink targets counted, {@code symlinkBytes} of them).
 */
public record ScannedBlob(String key, String archive, String diffId, String blobDigest, String compression,
                          long compressedBytes, long tarBytes, long contentBytes, long symlinkBytes, int entries,
                          byte[] index, String error) implements Serializable {

    /** The figures only, for the driver: the index stays on the executors. */
    public ScannedBlob withoutIndex() {
        return new ScannedBlob(key, archive, diffId, blobDigest, compression, compressedBytes, tarBytes, contentBytes,
                symlinkBytes, entries, null, error);
    }

    /** The layer's size as an image whose history step made it shows it (docker history's SIZE, as inspect does). */
    public long contentBytes(FleetLayer asListed) {
        return io.strata.layer.LayerIndex.Totals.historyBytes(contentBytes, symlinkBytes, asListed.builtByBuildKit());
    }

    static ScannedBlob failed(String key, String archive, String error) {
        return new ScannedBlob(key, archive, null, null, null, 0, 0, 0, 0, 0, null, error);
    }
}
