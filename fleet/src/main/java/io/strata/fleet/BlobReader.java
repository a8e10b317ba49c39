package io.strata.fleet;

import io.strata.archive.ArchiveException;
import io.strata.archive.ImageArchive;
import io.strata.archive.ImageArchives;
import io.strata.archive.Limits;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Opens the stored bytes of one layer blob where the listing found them, on whichever executor scans it. */
final class BlobReader {
    private BlobReader() {
    }

    static InputStream open(BlobLocation at, Configuration conf) throws IOException {
        return switch (at.kind()) {
            case TAR -> bounded(openAt(at.archive(), at.offset(), conf), at.size(), null);
            case FILE -> bounded(openAt(at.archive() + "/" + at.name(), 0, conf), at.size(), null);
            case REOPEN -> reopen(at, conf);
        };
    }

    private static InputStream openAt(String file, long offset, Configuration conf) throws IOException {
        if (!ArchivePath.isUri(file)) {
            FileChannel ch = FileChannel.open(Path.of(file), StandardOpenOption.READ);
            ch.position(offset);
            return Channels.newInputStream(ch);
        }
        FSDataInputStream in = ArchivePath.fileSystem(file, conf).open(ArchivePath.hadoop(file), 1 << 16);
        in.seek(offset);
        return in;
    }

    /** An archive compressed as a whole: opened again (decompressed to a temporary file), the blob read by name. */
    private static InputStream reopen(BlobLocation at, Configuration conf) throws IOException {
        ArchivePath.Local local = ArchivePath.Local.of(at.archive(), conf);
        ImageArchive archive;
        try {
            archive = ImageArchives.open(local.path().toString(), Limits.DEFAULT);
        } catch (ArchiveException e) {
            local.close();
            throw new IOException(e.getMessage(), e);
        }
        InputStream in = archive.openLayer(ArchiveLister.refAt(at));
        return bounded(in, Long.MAX_VALUE, () -> {
            archive.close();
            local.close();
        });
    }

    private interface Cleanup {
        void run() throws IOException;
    }

    /** At most {@code limit} bytes of {@code in}; closing it closes {@code in}, then runs {@code cleanup}. */
    private static InputStream bounded(InputStream in, long limit, Cleanup cleanup) {
        return new FilterInputStream(in) {
            private long left = limit;

            @Override
            public int read() throws IOException {
                if (left <= 0) return -1;
                int b = super.read();
                if (b >= 0) left--;
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) return -1;
                int r = super.read(b, off, (int) Math.min(len, left));
                if (r > 0) left -= r;
                return r;
            }

            @Override
            public long skip(long n) throws IOException {
                long s = super.skip(Math.min(n, left));
                left -= s;
                return s;
            }

            @Override
            public int available() throws IOException {
                return (int) Math.min(super.available(), left);
            }

            @Override
            public boolean markSupported() {
                return false;
            }

            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    if (cleanup != null) cleanup.run();
                }
            }
        };
    }
}
