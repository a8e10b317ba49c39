package io.strata.archive;

import com.github.luben.zstd.ZstdInputStream;
import io.strata.model.Compression;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The one place that sniffs and opens compressed streams: an outer archive compressed whole, a layer blob, a second
 * reading of a layer. Compression is told by the magic bytes, never by a name or a media type.
 */
public final class Decompressor {
    private Decompressor() {
    }

    /** The compression of what {@code in} holds, from its first bytes; the stream is left where it was. */
    public static Compression sniff(BufferedInputStream in) throws IOException {
        in.mark(8);
        byte[] head = new byte[4];
        int n = in.readNBytes(head, 0, 4);
        in.reset();
        return Compression.sniff(head, n);
    }

    /** The decompressed bytes of {@code in} (gzip: every member, to the end; zstd), or {@code in} itself. */
    public static InputStream open(Compression compression, BufferedInputStream in) throws IOException {
        return switch (compression) {
            case GZIP -> GzipCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true).get();
            case ZSTD -> new ZstdInputStream(in);
            default -> in;
        };
    }
}
