package io.strata.layer;

import io.strata.testing.LayerTar;
import io.strata.tree.FileTree;
import io.strata.tree.OverlayMerger;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Not a test: measures the heap a LayerIndex holds per entry on a synthetic layer (default 200,000 files in
 * 2,000 directories, paths shaped like a distribution's, 10 symlinks per directory). Prints the index's own
 * estimate and a GC-based figure. Run after `mvn -Dstrata.buildDir=target-X test-compile package -DskipTests`:
 * {@code java -cp target-X/test-classes:target-X/strata.jar io.strata.layer.LayerIndexMemoryBenchmark [files]}
 */
public final class LayerIndexMemoryBenchmark {
    private LayerIndexMemoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        Path dir = Files.createTempDirectory("strata-bench");
        Path tar = dir.resolve("layer.tar");
        try {
            int entries = write(tar, files);
            LayerTar.scanFile(tar); // warm up: one-time class and cache allocations are not the index's
            long before = usedAfterGc();
            long t0 = System.nanoTime();
            LayerIndex idx = LayerTar.scanFile(tar);
            long scanNanos = System.nanoTime() - t0;
            long after = usedAfterGc();
            report("LayerIndex", entries, idx.approximateHeapBytes(), after - before, idx.size());
            long beforeTree = usedAfterGc();
            long t1 = System.nanoTime();
            FileTree tree = OverlayMerger.merge(List.of(idx));
            long mergeNanos = System.nanoTime() - t1;
            long afterTree = usedAfterGc();
            System.out.printf(Locale.ROOT, "times (one run, warm): scan %d ms, merge %d ms%n", scanNanos / 1_000_000,
                    mergeNanos / 1_000_000);
            System.out.printf(Locale.ROOT, "FileTree (merge of that one layer): %.1f bytes per entry (GC-based), "
                    + "%d visible paths%n", (afterTree - beforeTree) / (double) entries, tree.visible().size());
            System.out.println("keep alive: " + idx.size() + " " + tree.hidden().size());
        } finally {
            Files.deleteIfExists(tar);
            Files.deleteIfExists(dir);
        }
    }

    private static void report(String what, int entries, long estimate, long measured, int size) {
        System.out.printf(Locale.ROOT, "%s: %d entries; approximateHeapBytes %d = %.1f bytes/entry; "
                        + "GC-based %d = %.1f bytes/entry%n", what, size, estimate, estimate / (double) entries,
                measured, measured / (double) entries);
    }

    /** 2,000 directories like usr/share/doc/package-0042/, files like changelog-0042-017.txt, some symlinks. */
    private static int write(Path tar, int files) throws IOException {
        int dirs = Math.max(1, files / 100);
        int count = 0;
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tar), 1 << 16);
             TarArchiveOutputStream out = new TarArchiveOutputStream(os)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            byte[] content = "x".repeat(64).getBytes(StandardCharsets.US_ASCII);
            for (int d = 0; d < dirs; d++) {
                String folder = String.format(Locale.ROOT, "usr/share/doc/package-%04d/", d);
                TarArchiveEntry de = new TarArchiveEntry(folder, TarArchiveEntry.LF_DIR);
                out.putArchiveEntry(de);
                out.closeArchiveEntry();
                count++;
                for (int f = 0; f < files / dirs; f++) {
                    String name = String.format(Locale.ROOT, "%schangelog-%04d-%03d.txt", folder, d, f);
                    if (f % 10 == 9) {
                        TarArchiveEntry l = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
                        l.setLinkName("../common/changelog.txt");
                        out.putArchiveEntry(l);
                    } else {
                        TarArchiveEntry e = new TarArchiveEntry(name);
                        e.setSize(content.length);
                        out.putArchiveEntry(e);
                        out.write(content);
                    }
                    out.closeArchiveEntry();
                    count++;
                }
            }
        }
        return count;
    }

    private static long usedAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
