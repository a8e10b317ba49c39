package io.strata.verify;

import io.strata.model.Digest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The sha256 of the archive file itself, as an audit records it beside the report; none for a directory. */
public final class ArchiveDigest {
    private ArchiveDigest() {
    }

    public static Optional<Digest> sha256(Path file) throws IOException {
        if (!Files.isRegularFile(file)) return Optional.empty();
        ContentDigester digester = ContentDigester.of("sha256");
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int r;
            while ((r = in.read(buf)) > 0) digester.update(buf, 0, r);
        }
        return Optional.of(digester.finish().get("sha256"));
    }
}
