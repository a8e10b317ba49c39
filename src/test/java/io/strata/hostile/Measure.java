package io.strata.hostile;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time and a sampled peak of used heap while a piece of work runs (sampled every few milliseconds after a GC,
 * so it is an upper bound that includes garbage, not an exact figure). Printed for the report of limits.
 */
public final class Measure {
    private Measure() {
    }

    public record Result<T>(T value, long millis, long peakHeapBytes) {
        public long peakHeapMiB() {
            return peakHeapBytes >> 20;
        }
    }

    public static <T> Result<T> of(String label, Callable<T> work) throws Exception {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        AtomicLong peak = new AtomicLong(rt.totalMemory() - rt.freeMemory());
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        long start = System.nanoTime();
        T value;
        try {
            value = work.call();
        } finally {
            sampler.interrupt();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        Result<T> r = new Result<>(value, millis, peak.get());
        System.out.println("hostile: " + label + ": " + millis + " ms, peak heap <= " + r.peakHeapMiB() + " MiB");
        return r;
    }
}
