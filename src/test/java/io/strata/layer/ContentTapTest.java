package io.strata.layer;

import io.strata.testing.LayerTar;
import io.strata.model.Finding;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scanner keeps what a content tap asks for, in the same pass, without changing anything else it reports. */
class ContentTapTest {
    /** Captures /db/*, inspects *.bin (keeps its first 4 bytes), throws on *.bad. */
    private static final class Tap implements ContentTap {
        final long maxFile;
        final long maxLayer;

        Tap(long maxFile, long maxLayer) {
            this.maxFile = maxFile;
            this.maxLayer = maxLayer;
        }

        @Override
        public boolean captures(String p) {
            return p.startsWith("/db/");
        }

        @Override
        public boolean inspects(String p, long size, int mode) {
            return p.endsWith(".bin") || p.endsWith(".bad");
        }

        @Override
        public byte[] inspect(String p, long size, int mode, InputStream content, List<Finding> findings)
                throws IOException {
            if (p.endsWith(".bad")) {
                content.readNBytes(3);
                throw new IOException("not an artifact");
            }
            return content.readNBytes(4);
        }

        @Override
        public long maxFileBytes() {
            return maxFile;
        }

        @Override
        public long maxLayerBytes() {
            return maxLayer;
        }

        @Override
        public String fingerprint() {
            return "test " + maxFile + "/" + maxLayer;
        }
    }

    private static byte[] layer() {
        byte[] big = new byte[200_000];
        for (int i = 0; i < big.length; i++) big[i] = (byte) (i * 31);
        return LayerTar.create().dir("db").file("db/status", "Package: a\n").file("db/two", "second")
                .file("db/large", big, 0644, 0, 0).symlink("db/link", "status").file("app/x.bin", big, 0755, 0, 0)
                .file("app/y.bad", "abcdef").file("app/other", "not tapped").bytes();
    }

    private static LayerIndex scan(byte[] tar, ContentTap tap) throws LayerException {
        return LayerScanner.scan(new ByteArrayInputStream(tar), LayerScanner.Options.DEFAULT.withTap(tap));
    }

    @Test
    void capturesInspectsAndReportsWhatItCouldNot() throws Exception {
        byte[] tar = layer();
        LayerIndex plain = scan(tar, ContentTap.NONE);
        LayerIndex tapped = scan(tar, new Tap(100_000, 1_000_000));
        assertEquals(plain.totals(), tapped.totals());
        assertEquals(plain.size(), tapped.size());
        for (int i = 0; i < plain.size(); i++) assertEquals(plain.sha256(i), tapped.sha256(i), plain.path(i));
        assertTrue(plain.captures().isEmpty());
        List<Capture> c = tapped.captures();
        assertEquals(List.of("/db/status", "/db/two", "/db/large", "/db/link", "/app/x.bin"),
                c.stream().map(Capture::path).toList());
        assertArrayEquals("Package: a\n".getBytes(StandardCharsets.UTF_8), c.get(0).bytes());
        assertEquals(Capture.Type.FILE, c.get(1).type());
        assertEquals(Capture.Type.SKIPPED, c.get(2).type(), "over the per-file limit");
        assertEquals(Capture.Type.SKIPPED, c.get(3).type(), "a symlink is not captured");
        assertEquals(Capture.Type.INSPECTED, c.get(4).type());
        assertArrayEquals(new byte[]{0, 31, 62, 93}, c.get(4).bytes());
        assertTrue(tapped.findings().stream().anyMatch(f -> f.code().equals("capture-too-large")
                && f.path().orElse("").equals("/db/large")), tapped.findings().toString());
        assertTrue(tapped.findings().stream().anyMatch(f -> f.code().equals("artifact-unreadable")
                && f.message().contains("not an artifact")), tapped.findings().toString());
    }

    @Test
    void theLayerBudgetCountsEveryCapturedFile() throws Exception {
        LayerIndex tapped = scan(layer(), new Tap(1_000_000, 15));
        List<Capture> c = tapped.captures();
        assertEquals(Capture.Type.FILE, c.get(0).type(), "11 bytes fit");
        assertEquals(Capture.Type.SKIPPED, c.get(1).type(), "6 more do not");
    }

    @Test
    void capturesSurviveTheCacheCodec() throws Exception {
        LayerIndex tapped = scan(layer(), new Tap(100_000, 1_000_000));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LayerIndexCodec.write(out, "k", tapped, Long.MAX_VALUE);
        byte[] entry = out.toByteArray();
        LayerIndex back = LayerIndexCodec.read(new ByteArrayInputStream(entry), entry.length, "k");
        assertEquals(tapped.captures().size(), back.captures().size());
        for (int i = 0; i < back.captures().size(); i++) {
            assertEquals(tapped.captures().get(i).path(), back.captures().get(i).path());
            assertEquals(tapped.captures().get(i).type(), back.captures().get(i).type());
            assertArrayEquals(tapped.captures().get(i).bytes(), back.captures().get(i).bytes());
        }
        entry[entry.length - 40] ^= 1;
        assertThrows(IOException.class, () -> LayerIndexCodec.read(new ByteArrayInputStream(entry), entry.length, "k"));
    }

    @Test
    void aTruncatedCapturedFileIsTheLayersFailure() {
        byte[] tar = layer();
        byte[] cut = java.util.Arrays.copyOf(tar, 1200);
        assertThrows(LayerException.class, () -> scan(cut, new Tap(100_000, 1_000_000)));
    }
}
