package io.strata.archive;

/**
 * Limits that keep hostile input from exhausting memory, disk or time. All adjustable from the command line
 * ({@code --max-json-bytes} and friends); the defaults are far above what real images need.
 */
public record Limits(long maxJsonBytes, long maxOuterEntries, long maxSpoolBytes, int maxIndexDepth,
                     long maxLayerEntries, int maxPathBytes, long maxInflateRatio) {

    public static final Limits DEFAULT = new Limits(
            16L * 1024 * 1024,          // manifests and configs are KBs; 16 MiB is generous
            1_000_000,                  // outer tar entries (a docker save has a few per layer)
            64L * 1024 * 1024 * 1024,   // decompressed outer archive spooled to a temp file
            8,                          // nested indexes
            10_000_000,                 // entries in one layer
            64 * 1024,                  // bytes in one path
            1000);                      // abort a layer that inflates over 1000x its stored size (past 1 GiB)

    public Limits withMaxJsonBytes(long v) {
        return new Limits(v, maxOuterEntries, maxSpoolBytes, maxIndexDepth, maxLayerEntries, maxPathBytes, maxInflateRatio);
    }

    public Limits withMaxSpoolBytes(long v) {
        return new Limits(maxJsonBytes, maxOuterEntries, v, maxIndexDepth, maxLayerEntries, maxPathBytes, maxInflateRatio);
    }

    public Limits withMaxLayerEntries(long v) {
        return new Limits(maxJsonBytes, maxOuterEntries, maxSpoolBytes, maxIndexDepth, v, maxPathBytes, maxInflateRatio);
    }

    public Limits withMaxOuterEntries(long v) {
        return new Limits(maxJsonBytes, v, maxSpoolBytes, maxIndexDepth, maxLayerEntries, maxPathBytes, maxInflateRatio);
    }

    public Limits withMaxIndexDepth(int v) {
        return new Limits(maxJsonBytes, maxOuterEntries, maxSpoolBytes, v, maxLayerEntries, maxPathBytes, maxInflateRatio);
    }

    public Limits withMaxPathBytes(int v) {
        return new Limits(maxJsonBytes, maxOuterEntries, maxSpoolBytes, maxIndexDepth, maxLayerEntries, v, maxInflateRatio);
    }
}
