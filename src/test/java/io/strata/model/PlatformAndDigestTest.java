package io.strata.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlatformAndDigestTest {

    @Test
    void aPlatformWithoutVariantMatchesAnyVariant() {
        Platform arm = Platform.parse("linux/arm64/v8");
        assertTrue(arm.matches(Platform.parse("linux/arm64")));
        assertTrue(arm.matches(Platform.parse("linux/arm64/v8")));
        assertFalse(arm.matches(Platform.parse("linux/arm64/v9")));
        assertFalse(Platform.parse("linux/arm64").matches(arm), "a wanted variant must be there");
        assertEquals("linux/arm64/v8", arm.toString());
        assertThrows(IllegalArgumentException.class, () -> Platform.parse("arm64"));
        assertThrows(IllegalArgumentException.class, () -> Platform.parse("linux/arm64/v8/extra"));
        assertTrue(Platform.of(null, "", null).isUnknown());
    }

    @Test
    void digestsAreValidatedSoTheyCanBecomePaths() {
        Digest d = Digest.parse("sha256:" + "0a".repeat(32));
        assertEquals("0a0a0a0a0a0a", d.shortHex());
        assertTrue(d.matchesPrefix("0a0a"));
        assertTrue(d.matchesPrefix("sha256:0a0a"));
        assertFalse(d.matchesPrefix("0a0"), "too short to mean a digest");
        assertThrows(IllegalArgumentException.class, () -> Digest.parse("sha256:" + "0A".repeat(32)));
        assertThrows(IllegalArgumentException.class, () -> Digest.parse("sha256:../x"));
        assertThrows(IllegalArgumentException.class, () -> Digest.parse("md5:abc"));
        assertThrows(IllegalArgumentException.class, () -> Digest.parse("nocolon"));
    }

    @Test
    void compressionIsSniffedFromMagicBytesAndClaimedByMediaType() {
        assertEquals(Compression.GZIP, Compression.sniff(new byte[]{0x1f, (byte) 0x8b, 8, 0}, 4));
        assertEquals(Compression.ZSTD, Compression.sniff(new byte[]{0x28, (byte) 0xb5, 0x2f, (byte) 0xfd}, 4));
        assertEquals(Compression.NONE, Compression.sniff("ustar".getBytes(), 5));
        assertEquals(Compression.GZIP, MediaType.claimedCompression(MediaType.DOCKER_LAYER_GZIP));
        assertEquals(Compression.ZSTD, MediaType.claimedCompression(MediaType.OCI_LAYER_ZSTD));
        assertEquals(Compression.NONE, MediaType.claimedCompression(MediaType.OCI_LAYER));
        assertEquals(Compression.UNKNOWN, MediaType.claimedCompression("application/vnd.in-toto+json"));
        assertTrue(MediaType.isNonDistributable(MediaType.DOCKER_LAYER_FOREIGN));
        assertFalse(MediaType.isLayer("application/tar+gzip"), "an artifact's blob type is not an image layer type");
    }
}
