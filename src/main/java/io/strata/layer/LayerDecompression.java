package io.strata.layer;

import io.strata.archive.CountingInputStream;
import io.strata.archive.Decompressor;
import io.strata.archive.ObservingInputStream;
import io.strata.model.Compression;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongSupplier;

/**
 * Opens a stored layer blob as its tar stream for a second reading (extract, export): compression sniffed from the
 * magic bytes, and the same decompression-bomb guard as the scanner so a re-read cannot inflate without bound.
 */
public final class LayerDecompression {
    /** The guard only starts to count past this many inflated bytes, so small layers are never refused. */
    public static final long RATIO_GUARD_FLOOR = 1L << 30;

    private LayerDecompression() {
    }

    /** The tar stream of a stored blob and the compression found. */
    public record Opened(Compression compression, InputStream tar) {
    }

    public static Opened open(InputStream stored, long maxInflateRatio) throws IOException {
        CountingInputStream counted = new CountingInputStream(stored);
        BufferedInputStream buffered = new BufferedInputStream(counted, 1 << 16);
        Compression compression = Decompressor.sniff(buffered);
        InputStream tar = compression == Compression.NONE ? buffered
                : new InflationGuard(Decompressor.open(compression, buffered), counted::count, maxInflateRatio);
        return new Opened(compression, tar);
    }

    /**
     * Stops a decompression bomb: refuses to inflate past the floor at more than maxRatio times the stored bytes
     * read so far (0 = off). Used by the scanner and by every second reading of a layer.
     */
    static final class InflationGuard extends ObservingInputStream {
        private final LongSupplier stored;
        private final long maxRatio;
        private long produced;

        InflationGuard(InputStream in, LongSupplier stored, long maxRatio) {
            super(in);
            this.stored = stored;
            this.maxRatio = maxRatio;
        }

        @Override
        protected void observe(byte[] b, int off, int len) throws IOException {
            produced += len;
            long storedSoFar = Math.max(1, stored.getAsLong());
            if (maxRatio > 0 && produced > RATIO_GUARD_FLOOR && produced > maxRatio * storedSoFar) {
                throw new IOException("decompression bomb: " + produced + " bytes inflated from "
                        + stored.getAsLong() + " stored (ratio over " + maxRatio + ", see --max-inflate-ratio)");
            }
        }
    }
}
