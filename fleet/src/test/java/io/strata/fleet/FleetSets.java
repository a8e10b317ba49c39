package io.strata.fleet;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The archives the fleet tests run on: testdata's, a generated set, and damaged copies. */
final class FleetSets {
    /**
     * Folders of testdata/: each flavour of the sample, the pair, two versions, Docker 25, a multi-arch index, a
     * BuildKit build.
     */
    static final List<String> TESTDATA = List.of("../testdata/sample", "../testdata/pair", "../testdata/versions",
            "../testdata/docker25", "../testdata/multiarch", "../testdata/third-party/buildkit");

    private FleetSets() {
    }

    /** bench/make-fleet.py's set: {@code archives} archives of {@code apps} apps over two shared bases. */
    static Path generated(Path dir, int archives, int apps) throws Exception {
        Path script = Path.of("../bench/make-fleet.py").toAbsolutePath();
        Process p;
        try {
            p = new ProcessBuilder("python3", script.toString(), String.valueOf(archives), dir.toString(),
                    String.valueOf(apps)).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("python3 is not installed: the generated set (bench/make-fleet.py) is skipped");
            throw e;
        }
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException("make-fleet.py: " + output);
        return dir;
    }

    /** A copy of {@code archive} cut short inside its index: the archive itself cannot be listed. */
    static Path truncated(Path archive, Path to) throws IOException {
        byte[] head = new byte[1536];
        try (InputStream in = Files.newInputStream(archive)) {
            int n = in.readNBytes(head, 0, head.length);
            Files.write(to, java.util.Arrays.copyOf(head, n));
        }
        return to;
    }

    /**
     * A copy of an archive whose largest stored file (a gzip layer blob of an OCI archive) has bytes in its middle
     * overwritten: the archive lists, the blob cannot be inflated.
     */
    static Path damagedLayer(Path archive, Path to) throws IOException {
        Files.copy(archive, to);
        long offset = -1, size = -1;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(archive))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                if (e.isFile() && e.getSize() > size) {
                    size = e.getSize();
                    offset = e.getDataOffset();
                }
            }
        }
        try (RandomAccessFile f = new RandomAccessFile(to.toFile(), "rw")) {
            f.seek(offset + size / 2);
            f.write(new byte[4096]);
        }
        return to;
    }
}
