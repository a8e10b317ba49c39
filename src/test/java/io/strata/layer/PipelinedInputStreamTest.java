package io.strata.layer;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PipelinedInputStreamTest {

    @Test
    void deliversEveryByteInOrderThenRunsTheEpilogueBeforeTheEnd() throws IOException {
        byte[] data = new byte[PipelinedInputStream.CHUNK_BYTES * 5 + 123];
        new Random(7).nextBytes(data);
        AtomicBoolean epilogue = new AtomicBoolean();
        try (PipelinedInputStream pipe = PipelinedInputStream.start(new ByteArrayInputStream(data), () -> epilogue.set(true))) {
            byte[] back = pipe.readAllBytes();
            assertArrayEquals(data, back);
            assertTrue(epilogue.get(), "the epilogue ran before the reader saw the end");
            assertEquals(-1, pipe.read());
        }
    }

    @Test
    void aFailureOfTheSourceReachesTheReaderAsItself() {
        EOFException truncated = new EOFException("unexpected end of gzip stream");
        InputStream failing = new InputStream() {
            private int left = PipelinedInputStream.CHUNK_BYTES + 10;

            @Override
            public int read() throws IOException {
                if (left-- <= 0) throw truncated;
                return 1;
            }
        };
        PipelinedInputStream pipe = PipelinedInputStream.start(failing, () -> { });
        EOFException thrown = assertThrows(EOFException.class, pipe::readAllBytes);
        assertSame(truncated, thrown);
    }

    @Test
    void closeStopsTheProducerSoTheSourceIsFreeAgain() throws IOException {
        AtomicLong served = new AtomicLong();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                served.incrementAndGet();
                return 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                served.addAndGet(len);
                return len;
            }
        };
        PipelinedInputStream pipe = PipelinedInputStream.start(endless, () -> { });
        pipe.readNBytes(1000);
        pipe.close();
        long after = served.get();
        try {
            Thread.sleep(200); // a producer still running would have read on meanwhile
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertEquals(after, served.get(), "no read of the source after close returned");
        assertTrue(after <= (long) PipelinedInputStream.CHUNK_BYTES * (PipelinedInputStream.CHUNKS + 3),
                "the producer runs at most a few chunks ahead: " + after);
    }
}
