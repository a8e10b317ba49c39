package io.strata.layer;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Reads a stream on a second thread, a few chunks ahead of the reader, so a single large layer keeps both cores
 * busy: decompression and the diffId hash run on the producer thread while the caller parses the tar and hashes
 * file contents. Memory is bounded by {@link #CHUNKS} chunks of {@link #CHUNK_BYTES}. Failures of the producer
 * (a truncated gzip stream, a decompression bomb) reach the reader as the same exception, at the point in the
 * stream where they happened.
 */
final class PipelinedInputStream extends InputStream {
    static final int CHUNK_BYTES = 1 << 18;
    static final int CHUNKS = 4;

    private static final ExecutorService PRODUCERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "strata-layer-inflate");
        t.setDaemon(true);
        return t;
    });

    /** What the producer does after the source reaches its end, still on its thread (e.g. drain trailing bytes). */
    interface Epilogue {
        void run() throws IOException;
    }

    private record Chunk(byte[] bytes, int length, Throwable failure) {
        static final Chunk END = new Chunk(new byte[0], -1, null);

        boolean end() {
            return length < 0;
        }
    }

    private final BlockingQueue<Chunk> filled = new ArrayBlockingQueue<>(CHUNKS);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS + 2);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean cancelled;
    private Chunk current;
    private int position;
    private boolean ended;

    private PipelinedInputStream() {
        for (int i = 0; i < CHUNKS + 2; i++) free.add(new byte[CHUNK_BYTES]);
    }

    /** Starts reading {@code source} on a producer thread; the caller reads the same bytes from the result. */
    static PipelinedInputStream start(InputStream source, Epilogue epilogue) {
        PipelinedInputStream pipe = new PipelinedInputStream();
        PRODUCERS.execute(() -> pipe.produce(source, epilogue));
        return pipe;
    }

    private void produce(InputStream source, Epilogue epilogue) {
        try {
            while (!cancelled) {
                byte[] buf = free.poll(50, TimeUnit.MILLISECONDS);
                if (buf == null) continue;
                int n = source.readNBytes(buf, 0, buf.length);
                if (n > 0) put(new Chunk(buf, n, null));
                if (n < buf.length) break;
            }
            if (!cancelled) epilogue.run();
            put(Chunk.END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            try {
                put(new Chunk(null, -1, t));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } finally {
            finished.countDown();
        }
    }

    private void put(Chunk chunk) throws InterruptedException {
        while (!cancelled) {
            if (filled.offer(chunk, 50, TimeUnit.MILLISECONDS)) return;
        }
    }

    /** Moves to the next chunk when the current one is used up; false at the end of the stream. */
    private boolean fill() throws IOException {
        if (ended) return false;
        if (current != null && position < current.length()) return true;
        if (current != null) free.offer(current.bytes());
        current = null;
        try {
            Chunk next = filled.take();
            if (next.failure() != null) {
                ended = true;
                throw rethrowable(next.failure());
            }
            if (next.end()) {
                ended = true;
                return false;
            }
            current = next;
            position = 0;
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading a layer");
        }
    }

    private static IOException rethrowable(Throwable t) {
        if (t instanceof IOException io) return io;
        if (t instanceof UncheckedIOException u) return u.getCause();
        if (t instanceof RuntimeException r) throw r;
        if (t instanceof Error err) throw err;
        return new IOException(t);
    }

    @Override
    public int read() throws IOException {
        if (!fill()) return -1;
        return current.bytes()[position++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (!fill()) return -1;
        int n = Math.min(len, current.length() - position);
        System.arraycopy(current.bytes(), position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long done = 0;
        while (done < n && fill()) {
            int step = (int) Math.min(n - done, current.length() - position);
            position += step;
            done += step;
        }
        return done;
    }

    /**
     * Stops the producer and waits until it no longer touches the source, so the caller may read the source
     * itself afterwards (verify drains what the scanner left).
     */
    @Override
    public void close() throws IOException {
        cancelled = true;
        filled.clear();
        try {
            finished.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while stopping a layer reader");
        }
    }
}
