package io.strata.layer;

import com.github.luben.zstd.ZstdInputStream;
import io.strata.archive.Decompressor;
import io.strata.model.Compression;
import io.strata.model.Digest;
import io.strata.model.Finding;
import io.strata.model.ImagePath;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A short hash of the code that decides what a scan yields: this package, the model values it builds, and the
 * tar and decompression classes it reads with. Part of every cache key, so results of another build of the
 * scanner are never reused. A jar stands for its classes by its size and modification time (one stat, where
 * hashing a 20 MB jar would cost more than the cache saves on small images), so any rebuilt jar starts a new
 * cache; a classes folder (tests, IDEs) is hashed class file by class file, every class of this package included
 * without anyone listing it. Empty when the code cannot be found; then nothing is cached.
 */
final class ScannerFingerprint {
    private static final String PACKAGE = "io/strata/layer/";
    private static final List<Class<?>> CODE = List.of(ScannerFingerprint.class, ImagePath.class, io.strata.model.NameBytes.class, Finding.class,
            Digest.class, Compression.class, TarArchiveInputStream.class, TarArchiveEntry.class,
            GzipCompressorInputStream.class, ZstdInputStream.class, Decompressor.class);

    private ScannerFingerprint() {
    }

    static Optional<String> value() {
        return Holder.VALUE;
    }

    private static final class Holder {
        static final Optional<String> VALUE = compute();
    }

    private static Optional<String> compute() {
        try {
            MessageDigest sha = Digest.newSha256();
            Set<Path> jarsSeen = new HashSet<>();
            for (Class<?> c : CODE) {
                Path source = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
                String classFile = c.getName().replace('.', '/') + ".class";
                if (Files.isRegularFile(source)) {
                    if (!jarsSeen.add(source)) continue;
                    BasicFileAttributes a = Files.readAttributes(source, BasicFileAttributes.class);
                    update(sha, "jar " + a.size() + " " + a.lastModifiedTime().toMillis());
                } else if (c == ScannerFingerprint.class) {
                    try (Stream<Path> files = Files.list(source.resolve(PACKAGE))) {
                        for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                            hashFile(sha, source, PACKAGE + f.getFileName());
                        }
                    }
                } else {
                    hashFile(sha, source, classFile);
                }
            }
            return Optional.of(HexFormat.of().formatHex(sha.digest(), 0, 8));
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void hashFile(MessageDigest sha, Path root, String name) throws IOException {
        update(sha, name);
        sha.update(Files.readAllBytes(root.resolve(name)));
    }

    private static void update(MessageDigest sha, String text) {
        sha.update(text.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
    }
}
