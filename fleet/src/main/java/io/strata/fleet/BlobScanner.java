package io.strata.fleet;

import io.strata.layer.LayerException;
import io.strata.layer.LayerIndex;
import io.strata.layer.LayerIndexCodec;
import io.strata.layer.LayerScanner;
import io.strata.packages.PackageCapture;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.TaskContext;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Stage 3: one distinct blob scanned once, on the executor that reads it, with the CLI's LayerScanner, into the
 * compact LayerIndex serialised with the layer cache's codec (so stage 4 merges exactly what the CLI merges).
 */
final class BlobScanner {
    /** The largest index one byte array holds; a layer past it (about 20 million entries) is reported, not scanned. */
    private static final long MAX_INDEX_BYTES = Integer.MAX_VALUE - 64;
    /** The CLI's scan: its default limits, package databases and artifacts captured within its default bounds. */
    private static final LayerScanner.Options OPTIONS = LayerScanner.Options.DEFAULT.withTap(
            PackageCapture.all(PackageCapture.DEFAULT_MAX_FILE_BYTES, PackageCapture.DEFAULT_MAX_LAYER_BYTES));

    private BlobScanner() {
    }

    /**
     * Scans {@code layer}'s blob. {@code failFirstAttemptOf}, when not null, is a test hook: the first attempt of
     * the task whose blob key contains it throws, as a lost executor would, and Spark must run it again.
     */
    static ScannedBlob scan(FleetLayer layer, Configuration conf, String failFirstAttemptOf) {
        BlobLocation at = layer.location();
        TaskContext task = TaskContext.get();
        if (failFirstAttemptOf != null && layer.key().contains(failFirstAttemptOf) && task != null
                && task.attemptNumber() == 0) {
            throw new IllegalStateException("strata fleet test hook: first attempt of the scan of " + layer.key()
                    + " fails");
        }
        String where = at.archive() + ": layer " + layer.index() + " (" + at.name() + ")";
        try (InputStream in = BlobReader.open(at, conf)) {
            LayerIndex index = LayerScanner.scan(in, OPTIONS);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            LayerIndexCodec.write(bytes, layer.key(), index, MAX_INDEX_BYTES);
            LayerIndex.Totals t = index.totals();
            return new ScannedBlob(layer.key(), at.archive(), t.diffId().toString(), t.blobDigest().toString(),
                    t.compression().name().toLowerCase(), t.compressedBytes(), t.tarBytes(), t.contentBytes(),
                    t.symlinkBytes(), t.entries(), bytes.toByteArray(), null);
        } catch (LayerException e) {
            return ScannedBlob.failed(layer.key(), at.archive(), where + ": " + e.getMessage());
        } catch (IOException e) {
            return ScannedBlob.failed(layer.key(), at.archive(), where + ": cannot read: " + e.getMessage());
        }
    }

    /** A serialised index back as the LayerIndex it was. */
    static LayerIndex decode(String key, byte[] index) throws IOException {
        return LayerIndexCodec.read(new ByteArrayInputStream(index), index.length, key);
    }
}
