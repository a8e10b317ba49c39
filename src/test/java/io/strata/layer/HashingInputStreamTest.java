package io.strata.layer;

import io.strata.model.Digest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** FIPS 180-2's "abc" vector; a hash taken before the end must not pass silently for the whole stream's. */
class HashingInputStreamTest {
    private static final Digest ABC = new Digest("sha256",
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

    @Test
    void theHashIsKeptOnceTakenAndNoByteMayFollowIt() throws Exception {
        HashingInputStream in = new HashingInputStream(new ByteArrayInputStream(
                "abcd".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(3, in.readNBytes(3).length);
        assertEquals(ABC, in.sha256());
        assertEquals(ABC, in.sha256());
        assertThrows(IllegalStateException.class, in::read);
    }

    @Test
    void skippedBytesAreHashed() throws Exception {
        HashingInputStream in = new HashingInputStream(new ByteArrayInputStream(
                "abc".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(3, in.skip(Long.MAX_VALUE));
        assertEquals(0, in.skip(Long.MAX_VALUE));
        assertEquals(ABC, in.sha256());
        assertEquals(3, in.count());
    }
}
