package io.strata.verify;

import io.strata.layer.LayerScanner;
import io.strata.model.Compression;
import io.strata.model.Digest;
import io.strata.testing.LayerTar;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A layer's stored SHA-256 is the scanner's hash, not a second one: it must still cover every stored byte, whether
 * the scan succeeds or stops at an error part way (a truncation, bytes after the compressed stream, not a tar). Expected digests are
 * the JDK's MessageDigest over the whole blob.
 */
class BlobReaderTest {
    private static final Set<String> ALL = Set.of("sha256", "sha512", "blake3");

    @Test
    void aScannedGzipLayerHasTheDigestsOfAllItsBytes() throws Exception {
        check(gzip(layer()), true);
    }

    @Test
    void anUncompressedLayerToo() throws Exception {
        check(layer(), true);
    }

    @Test
    void garbageAfterTheGzipStreamFailsTheScanAndIsInTheDigest() throws Exception {
        BlobResult r = check(withTrailing(gzip(layer()), (byte) 7), false);
        assertTrue(r.failure().orElseThrow().startsWith("corrupt"), r.failure().toString());
    }

    @Test
    void aTruncatedLayerFailsButIsStillHashedToItsEnd() throws Exception {
        byte[] gz = gzip(layer());
        BlobResult r = check(Arrays.copyOf(gz, gz.length / 2), false);
        assertTrue(r.failure().orElseThrow().startsWith("truncated"), r.failure().toString());
    }

    @Test
    void aBlobThatIsNotATarFailsAndIsHashedToItsEnd() throws Exception {
        byte[] junk = new byte[100_000];
        new Random(7).nextBytes(junk);
        check(junk, false);
    }

    @Test
    void aBlobReadWithoutScanningIsHashedAlike() throws Exception {
        byte[] gz = gzip(layer());
        BlobResult r = BlobReader.read(new ByteArrayInputStream(gz), Set.of("sha512"), false, LayerScanner.Options.DEFAULT);
        assertEquals(jca("SHA-256", "sha256", gz), r.digest("sha256").orElseThrow());
        assertEquals(jca("SHA-512", "sha512", gz), r.digest("sha512").orElseThrow());
        assertTrue(r.index().isEmpty());
    }

    private static BlobResult check(byte[] blob, boolean scans) throws Exception {
        BlobResult r = BlobReader.read(new ByteArrayInputStream(blob), ALL, true, LayerScanner.Options.DEFAULT);
        assertEquals(blob.length, r.size());
        assertEquals(jca("SHA-256", "sha256", blob), r.digest("sha256").orElseThrow());
        assertEquals(jca("SHA-512", "sha512", blob), r.digest("sha512").orElseThrow());
        assertEquals(ContentDigester.digest("blake3", blob), r.digest("blake3").orElseThrow());
        assertEquals(scans, r.index().isPresent(), r.failure().toString());
        assertEquals(scans, r.failure().isEmpty());
        if (scans) {
            assertEquals(r.digest("sha256").orElseThrow(), r.index().get().totals().blobDigest());
            assertEquals(blob[0] == 0x1f ? Compression.GZIP : Compression.NONE, r.compression());
        }
        return r;
    }

    private static byte[] withTrailing(byte[] gz, byte fill) {
        byte[] out = Arrays.copyOf(gz, gz.length + 700);
        Arrays.fill(out, gz.length, out.length, fill);
        return out;
    }

    private static Digest jca(String jcaName, String algorithm, byte[] bytes) throws Exception {
        return new Digest(algorithm, HexFormat.of().formatHex(MessageDigest.getInstance(jcaName).digest(bytes)));
    }

    /** Big enough that the scanner's pipeline runs several chunks ahead. */
    private static byte[] layer() {
        byte[] content = new byte[3 << 20];
        new Random(42).nextBytes(content);
        return LayerTar.create().dir("etc").file("etc/hostname", "box\n").file("blob.bin", content, 0644, 0, 0)
                .bytes();
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }
}
