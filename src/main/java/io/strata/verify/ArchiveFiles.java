package io.strata.verify;

import io.strata.archive.ArchiveException;
import io.strata.archive.ImageArchive;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/** The stored files of an archive as the structural checks need them: names, and bounded reads. */
public interface ArchiveFiles {

    List<String> names();

    /**
     * At most {@code limit + 1} bytes of a stored file (one more than allowed, so the caller can tell it is too
     * big without reading the rest); empty when the file is absent.
     */
    Optional<byte[]> read(String name, long limit) throws IOException;

    default boolean exists(String name) {
        try {
            return read(name, 0).isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    static ArchiveFiles of(ImageArchive archive) {
        return new ArchiveFiles() {
            @Override
            public List<String> names() {
                return archive.storedNames();
            }

            @Override
            public Optional<byte[]> read(String name, long limit) throws IOException {
                Optional<InputStream> in;
                try {
                    in = archive.openFile(name);
                } catch (ArchiveException e) {
                    throw new IOException(e.getMessage(), e);
                }
                if (in.isEmpty()) return Optional.empty();
                try (InputStream s = in.get()) {
                    return Optional.of(s.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1)));
                }
            }
        };
    }
}
