package io.strata.layer;

import io.strata.archive.ImageArchive;
import io.strata.archive.ImageArchives;
import io.strata.archive.ImageEntry;
import io.strata.archive.Limits;
import io.strata.archive.LayerRef;
import io.strata.model.Compression;
import io.strata.model.Digest;
import io.strata.model.Finding;
import io.strata.testing.Facts;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.strata.layer.LayerIndexAssertions.assertSameIndex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The cache's entry format: exact round trips, and nothing but a whole, matching entry is ever accepted. */
class LayerIndexCodecTest {
    private static final String KEY = "diff:sha256:00@size:1 limits=1/2/3 scanner=abc";

    @Test
    void everyLayerOfEveryTestdataArchiveRoundTripsExactly() throws Exception {
        int layers = 0;
        long entries = 0;
        for (Path archive : Facts.archivesUnder(Path.of("testdata"))) {
            try (ImageArchive a = ImageArchives.open(archive.toString(), Limits.DEFAULT)) {
                Set<String> seen = new HashSet<>();
                for (ImageEntry image : a.images()) {
                    if (image.kind() != ImageEntry.Kind.IMAGE) continue;
                    for (LayerRef ref : image.layers()) {
                        if (!ref.present() || !seen.add(ref.blobKey())) continue;
                        LayerIndex scanned;
                        try (InputStream in = a.openLayer(ref)) {
                            scanned = LayerScanner.scan(in, LayerScanner.Options.DEFAULT);
                        }
                        String what = archive.getFileName() + " " + ref.blobKey();
                        assertSameIndex(scanned, roundTrip(scanned, KEY), what);
                        layers++;
                        entries += scanned.size();
                    }
                }
            }
        }
        assertTrue(layers >= 20, "only " + layers + " layers found under testdata/");
        assertTrue(entries > 1000, "only " + entries + " entries");
    }

    @Test
    void unusualValuesRoundTripExactly() throws Exception {
        LayerIndex index = unusual();
        LayerIndex back = roundTrip(index, KEY);
        assertSameIndex(index, back, "unusual");
        assertEquals(Optional.of(""), back.linkTarget(2), "an empty symlink target stays present");
        assertEquals("\ud800 lone surrogate", back.findings().get(1).message());
        assertEquals(Map.of("user.a", "1", "security.capability", "\u0001\u0000bin"), back.xattrs(0));
    }

    @Test
    void anEmptyLayerRoundTrips() throws Exception {
        LayerIndexBuilder b = new LayerIndexBuilder();
        LayerIndex empty = b.build(totals(0));
        assertSameIndex(empty, roundTrip(empty, KEY), "empty");
    }

    @Test
    void anotherKeyIsRefused() throws Exception {
        byte[] entry = encode(unusual(), KEY);
        assertCorrupt(entry, KEY + "x");
        assertCorrupt(entry, "");
    }

    @Test
    void everyFlippedByteIsRefused() throws Exception {
        byte[] entry = encode(unusual(), KEY);
        for (int i = 0; i < entry.length; i++) {
            byte[] bad = entry.clone();
            bad[i] ^= 0x01;
            assertCorrupt(bad, KEY);
        }
    }

    @Test
    void everyTruncationAndAnExtraByteAreRefused() throws Exception {
        byte[] entry = encode(unusual(), KEY);
        for (int n = 0; n < entry.length; n++) assertCorrupt(Arrays.copyOf(entry, n), KEY);
        assertCorrupt(Arrays.copyOf(entry, entry.length + 1), KEY);
    }

    @Test
    void anotherFormatVersionIsRefusedEvenWithAValidChecksum() throws Exception {
        byte[] entry = encode(unusual(), KEY);
        ByteBuffer.wrap(entry).putInt(LayerIndexCodec.MAGIC.length, LayerIndexCodec.FORMAT_VERSION + 1);
        resum(entry);
        IOException e = assertThrows(LayerIndexCodec.CorruptEntryException.class, () -> decode(entry, KEY));
        assertTrue(e.getMessage().contains("version"), e.getMessage());
    }

    /**
     * An entry forged with a valid checksum (the checksum is no signature) is decoded or refused, never more: for
     * every byte set to several values, decoding either fails with CorruptEntryException or yields an index whose
     * every accessor works. Counts that claim more than the entry holds are refused before anything is allocated.
     */
    @Test
    void forgedEntriesWithValidChecksumsNeverBreakTheReader() throws Exception {
        byte[] entry = encode(unusual(), KEY);
        int refused = 0;
        int decoded = 0;
        for (int i = 0; i < entry.length - 4; i++) {
            for (int v : new int[]{0x00, 0x7f, 0x80, 0xff, (entry[i] + 1) & 0xff}) {
                byte[] forged = entry.clone();
                forged[i] = (byte) v;
                resum(forged);
                try {
                    LayerIndex idx = decode(forged, KEY);
                    for (int j = 0; j < idx.size(); j++) {
                        idx.entry(0, j);
                        idx.linkTargetBytes(j);
                        idx.digestPrefix(j);
                    }
                    decoded++;
                } catch (LayerIndexCodec.CorruptEntryException expected) {
                    refused++;
                } catch (RuntimeException | IOException e) {
                    fail("byte " + i + " set to " + v + ": " + e);
                }
            }
        }
        assertTrue(refused > 0 && decoded > 0, refused + " refused, " + decoded + " decoded");
    }

    @Test
    void anEntryOverTheCapIsNotWritten() {
        assertThrows(LayerIndexCodec.TooLargeException.class,
                () -> LayerIndexCodec.write(new ByteArrayOutputStream(), KEY, unusual(), 100));
    }

    /** Entries with the edge cases the scanner produces: xattrs, empty link targets, odd names and ids, findings. */
    static LayerIndex unusual() {
        LayerIndexBuilder b = new LayerIndexBuilder();
        byte[] sha = new byte[32];
        Arrays.fill(sha, (byte) 0xab);
        b.add("etc/passwd", EntryKind.FILE, 0644, 0, 0, 1234, 1_700_000_000L, null, sha,
                Map.of("user.a", "1", "security.capability", "\u0001\u0000bin"));
        b.add("usr/bin/ping", EntryKind.HARDLINK, 04755, 0, 0, 0, -5, "bin/ping", null, null);
        b.add("usr/lib/empty", EntryKind.SYMLINK, 0777, 1000, 1000, 0, 0, "", null, null);
        b.add("usr/lib/caf\u00e9-\u00ff", EntryKind.DIR, 01777, 65534, 65534, 0, Long.MAX_VALUE, null, null, null);
        b.add("var/cache", EntryKind.OPAQUE, 0, 0, 0, 0, 0, null, null, null);
        b.add("var/cache/gone", EntryKind.WHITEOUT, 0, 0, 0, 0, 0, null, null, null);
        b.add("", EntryKind.DIR, 0755, -1, Integer.MAX_VALUE, 0, Long.MIN_VALUE, null, null, null);
        b.add("dev/null", EntryKind.CHAR, 0666, 0, 0, 0, 0, null, null, Map.of("k", ""));
        // a PAX uid past 32 bits and a name whose bytes are not UTF-8 (an escape per invalid byte) stay as they are
        b.add("data/a\udcff", EntryKind.FILE, 0644, 4294967303L, 1L << 40, 1, 0, null, sha, null);
        b.finding(Finding.warning("trailing-data", "12 non-zero bytes").atLayer(3).atPath("/x"));
        b.finding(Finding.error("odd", "\ud800 lone surrogate"));
        return b.build(new LayerIndex.Totals(Digest.sha256(new byte[32]), digest(7), Compression.ZSTD, 99, 10240,
                1234, b.count()));
    }

    private static LayerIndex.Totals totals(int entries) {
        return new LayerIndex.Totals(digest(1), digest(2), Compression.GZIP, 10, 1024, 0, entries);
    }

    private static Digest digest(int seed) {
        byte[] raw = new byte[32];
        Arrays.fill(raw, (byte) seed);
        return Digest.sha256(raw);
    }

    static byte[] encode(LayerIndex index, String key) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LayerIndexCodec.write(out, key, index, Long.MAX_VALUE);
        return out.toByteArray();
    }

    private static LayerIndex decode(byte[] entry, String key) throws IOException {
        return LayerIndexCodec.read(new ByteArrayInputStream(entry), entry.length, key);
    }

    private static LayerIndex roundTrip(LayerIndex index, String key) throws IOException {
        return decode(encode(index, key), key);
    }

    private static void assertCorrupt(byte[] entry, String key) {
        assertThrows(LayerIndexCodec.CorruptEntryException.class, () -> decode(entry, key),
                "an entry of " + entry.length + " bytes was accepted");
    }

    /** Recomputes the trailing CRC-32, as someone forging an entry would. */
    static void resum(byte[] entry) throws Exception {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(entry, 0, entry.length - 4);
        java.nio.ByteBuffer.wrap(entry).putInt(entry.length - 4, (int) crc.getValue());
    }
}
