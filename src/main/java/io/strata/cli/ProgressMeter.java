package io.strata.cli;

import io.strata.report.Sizes;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Progress on standard error while archives are read: "reading 512MB of 1.43GB (35 %), 84.2MB/s", redrawn in
 * place four times a second once the work has run for a second. Only made when standard error is a terminal and
 * --quiet is not given; otherwise no meter exists and the archives count nothing. A small in-house renderer: one
 * line of text did not justify a library (me.tongfei:progressbar would bring JLine).
 */
final class ProgressMeter implements AutoCloseable, io.strata.archive.ImageArchives.ReadObserver {
    private static final long DELAY_MILLIS = Long.getLong("strata.progress.delay", 1000);
    // both settable so a test can see a short run drawn (a run shorter than one period may never be)
    private static final long PERIOD_MILLIS = Long.getLong("strata.progress.period", 250);

    private final LongAdder done = new LongAdder();
    private final AtomicLong total = new AtomicLong();
    private final PrintStream err;
    private final long start = System.nanoTime();
    private final Thread painter;
    private volatile boolean drawn;

    private ProgressMeter(PrintStream err) {
        this.err = err;
        painter = new Thread(this::paint, "strata-progress");
        painter.setDaemon(true);
        painter.start();
    }

    /**
     * A meter observing every archive the run opens when progress is wanted (standard error a terminal, no
     * --quiet or -q among the arguments), else null.
     */
    static ProgressMeter startIfWanted(String[] args) {
        boolean quiet = java.util.Arrays.asList(args).contains("--quiet") || java.util.Arrays.asList(args).contains("-q");
        if (quiet || !Terminal.stderrIsTerminal()) return null;
        ProgressMeter m = new ProgressMeter(System.err);
        io.strata.archive.ImageArchives.observe(m);
        return m;
    }

    @Override
    public void opened(long bytes) {
        total.addAndGet(bytes);
    }

    @Override
    public void read(long bytes) {
        done.add(bytes);
    }

    private void paint() {
        try {
            Thread.sleep(DELAY_MILLIS);
            while (!Thread.currentThread().isInterrupted()) {
                long d = done.sum();
                long t = Math.max(total.get(), d);
                if (t == 0 || d >= t) {
                    clear(); // nothing opened yet, or all read: the results come next, on a clean line
                    Thread.sleep(PERIOD_MILLIS);
                    continue;
                }
                double seconds = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
                String line = "reading " + Sizes.human(d) + " of " + Sizes.human(t)
                        + (t > 0 ? String.format(java.util.Locale.ROOT, " (%d %%)", Math.round(100.0 * d / t)) : "")
                        + ", " + Sizes.human((long) (d / seconds)) + "/s";
                synchronized (err) {
                    err.print("\r\033[K" + line);
                    err.flush();
                }
                drawn = true;
                Thread.sleep(PERIOD_MILLIS);
            }
        } catch (InterruptedException e) {
            // closed: the work is done
        }
    }

    /** {@code w}, which stops the meter (clearing its line) before anything is written through it. */
    java.io.Writer endsOnWrite(java.io.Writer w) {
        return new java.io.FilterWriter(w) {
            private boolean ended;

            private void end() {
                if (!ended) {
                    ended = true;
                    ProgressMeter.this.close();
                }
            }

            @Override
            public void write(int c) throws java.io.IOException {
                end();
                super.write(c);
            }

            @Override
            public void write(char[] buf, int off, int len) throws java.io.IOException {
                end();
                super.write(buf, off, len);
            }

            @Override
            public void write(String str, int off, int len) throws java.io.IOException {
                end();
                super.write(str, off, len);
            }
        };
    }

    /** Stops and clears the line, so what follows on standard error starts clean. */
    @Override
    public void close() {
        painter.interrupt();
        try {
            painter.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        clear();
    }

    private void clear() {
        if (!drawn) return;
        synchronized (err) {
            err.print("\r\033[K");
            err.flush();
        }
        drawn = false;
    }
}
