package io.strata.fleet;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An archive as the fleet names it: a plain path is read directly from the local disk (every node sees the same
 * shared folder, or it is local mode); a URI (file:, hdfs:, s3a:, anything Hadoop has a filesystem for) is read
 * through Hadoop's FileSystem API.
 */
final class ArchivePath {
    private static final Pattern URI_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*");

    private ArchivePath() {
    }

    static boolean isUri(String archive) {
        return URI_SCHEME.matcher(archive).matches();
    }

    static org.apache.hadoop.fs.Path hadoop(String archive) {
        return new org.apache.hadoop.fs.Path(archive);
    }

    static FileSystem fileSystem(String archive, Configuration conf) throws IOException {
        return hadoop(archive).getFileSystem(conf);
    }

    /**
     * The archive as a local file or folder: itself when it is a plain path, else a copy in a temporary folder,
     * deleted on close. The archive code opens local files only; a copy is what an executor pays to list a remote
     * archive (an outer tar is read for its headers only, but through Hadoop it would still be fetched).
     */
    static final class Local implements Closeable {
        private final Path path;
        private final Path tempDir;

        private Local(Path path, Path tempDir) {
            this.path = path;
            this.tempDir = tempDir;
        }

        static Local of(String archive, Configuration conf) throws IOException {
            if (!isUri(archive)) return new Local(Path.of(archive), null);
            Path dir = Files.createTempDirectory("strata-fleet-");
            Path copy = dir.resolve("archive");
            try {
                FileSystem fs = fileSystem(archive, conf);
                fs.copyToLocalFile(false, hadoop(archive), new org.apache.hadoop.fs.Path(copy.toUri()), true);
            } catch (IOException | RuntimeException e) {
                deleteTree(dir);
                throw e;
            }
            return new Local(copy, dir);
        }

        Path path() {
            return path;
        }

        @Override
        public void close() {
            if (tempDir != null) deleteTree(tempDir);
        }

        private static void deleteTree(Path dir) {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary folder left behind is the operating system's to clean
            }
        }
    }
}
