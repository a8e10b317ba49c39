package io.strata.verify;

import io.strata.model.Digest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Published test vectors (FIPS 180-2 for SHA-2, the BLAKE3 reference's test_vectors.json for the empty input). */
class ContentDigesterTest {
    private static final byte[] ABC = "abc".getBytes(StandardCharsets.US_ASCII);

    @Test
    void sha256AndSha512OfAbc() {
        assertEquals("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                ContentDigester.digest("sha256", ABC).toString());
        assertEquals("sha512:ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                        + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
                ContentDigester.digest("sha512", ABC).toString());
    }

    @Test
    void blake3OfTheEmptyInput() {
        assertEquals("blake3:af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262",
                ContentDigester.digest("blake3", new byte[0]).toString());
    }

    @Test
    void aStreamIsHashedInEveryAlgorithmAtOnceAndDrainedToTheEnd() throws Exception {
        DigestingInputStream in = new DigestingInputStream(new ByteArrayInputStream(ABC), Set.of("sha256", "sha512", "blake3"));
        assertEquals('a', in.read());
        in.drain();
        Map<String, Digest> d = in.digests();
        assertEquals(3, in.count());
        assertEquals(ContentDigester.digest("sha256", ABC), d.get("sha256"));
        assertEquals(ContentDigester.digest("sha512", ABC), d.get("sha512"));
        assertEquals(ContentDigester.digest("blake3", ABC), d.get("blake3"));
    }
}
