package io.strata.hostile;

import io.strata.testing.Archives;
import io.strata.testing.RawTar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Headers that claim far more than is there: a 1 TB file in a layer or in the outer tar, and huge PAX records. */
class HugeClaimsTest {
    private static final long TERABYTE = 1L << 40;
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    @Test
    void aLayerEntryClaimingOneTerabyte() throws Exception {
        byte[] layer = RawTar.lyingFile("huge.bin", TERABYTE, 4096);
        Path archive = new Archives.Docker().layer(layer).write(tmp.resolve("terabyte-layer.tar"));
        var outcomes = Measure.of("1 TB layer entry, every command",
                () -> CommandMatrix.runAll(archive, tmp, LIMIT)).value();
        CommandMatrix.Outcome inspect = CommandMatrix.of(outcomes, "inspect");
        assertEquals(2, inspect.code());
        assertTrue(inspect.err().contains("layer 0") && inspect.err().toLowerCase().contains("truncated"), inspect.err());
        CommandMatrix.Outcome verify = CommandMatrix.of(outcomes, "verify");
        assertEquals(1, verify.code());
        assertTrue(verify.out().contains("error: layer-unreadable layer 0"), verify.out());
    }

    @Test
    void anOuterTarEntryClaimingOneTerabyte() throws Exception {
        Archives.Docker docker = new Archives.Docker().layer(new RawTar().entry("a", '0', new byte[1]).finish());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Archives.writeTar(docker.files(), out);
        byte[] tar = out.toByteArray();
        RawTar.setSize(tar, 0, TERABYTE); // the first entry, layer0.tar
        Path archive = Files.write(tmp.resolve("terabyte-outer.tar"), tar);
        var outcomes = CommandMatrix.runAll(archive, tmp, LIMIT);
        CommandMatrix.Outcome inspect = CommandMatrix.of(outcomes, "inspect");
        assertEquals(2, inspect.code());
        assertTrue(inspect.err().contains("claims " + TERABYTE + " bytes"), inspect.err());
    }

    @Test
    void aPaxHeaderClaimingAHugeSize() throws Exception {
        byte[] layer = new RawTar().pax('x', Map.of("path", "x")).entry("x", '0', new byte[0]).finish();
        RawTar.setSize(layer, 0, TERABYTE); // the PAX header itself claims 1 TB of records
        Path archive = new Archives.Docker().layer(layer).write(tmp.resolve("pax-claim.tar"));
        var outcomes = CommandMatrix.runAll(archive, tmp, LIMIT);
        assertEquals(1, CommandMatrix.of(outcomes, "verify").code());
        CommandMatrix.Outcome inspect = CommandMatrix.of(outcomes, "inspect");
        assertEquals(2, inspect.code());
        assertTrue(inspect.err().contains("exceeds the limit"), inspect.err());
    }

    /**
     * A PAX record of 256 MiB that really is there, inflated from a small gzip blob: commons-compress would buffer
     * it whole (twice, as bytes and as a String); the guarded reader refuses it by its declared size first.
     */
    @Test
    void aRealPaxRecordOfHundredsOfMegabytesIsRefusedBeforeItIsBuffered() throws Exception {
        long recordLength = 256L << 20;
        Path layer = tmp.resolve("pax-bomb.tar.gz");
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(layer), 1 << 16) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            String prefix = recordLength + " path=";
            byte[] header = new RawTar().entry("PaxHeaders/x".getBytes(StandardCharsets.US_ASCII), 'x', new byte[0],
                    recordLength, new byte[0]).finish();
            gz.write(header, 0, 512);
            gz.write(prefix.getBytes(StandardCharsets.US_ASCII));
            byte[] xs = new byte[1 << 20];
            java.util.Arrays.fill(xs, (byte) 'x');
            long left = recordLength - prefix.length() - 1;
            while (left > 0) {
                int n = (int) Math.min(xs.length, left);
                gz.write(xs, 0, n);
                left -= n;
            }
            gz.write('\n');
            gz.write(new RawTar().entry("x", '0', new byte[0]).finish());
        }
        byte[] stored = Files.readAllBytes(layer);
        assertTrue(stored.length < 2_000_000, "the bomb is small: " + stored.length);
        Map<String, byte[]> files = new LinkedHashMap<>(new Archives.Docker().layer(new byte[0]).files());
        // the layer file holds the gzip blob; its diff_id does not matter, the read fails first
        files.put("layer0.tar", stored);
        Path archive = Archives.writeTar(files, tmp.resolve("pax-record.tar"));
        var measured = Measure.of("256 MiB PAX record (inspect)",
                () -> CommandMatrix.run(List.of("inspect", archive.toString())));
        assertEquals(2, measured.value().code());
        assertTrue(measured.value().err().contains("(PAX header) of " + recordLength + " bytes exceeds the limit"),
                measured.value().err());
        assertTrue(measured.peakHeapBytes() < (512L << 20), "peak heap " + measured.peakHeapMiB() + " MiB");
    }
}
