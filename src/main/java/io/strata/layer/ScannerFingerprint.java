package io.strata.layer;

import com.github.luben.zstd.ZstdInputStream;
import io.strata.model.Compression;
import io.strata.model.Digest;
import io.strata.model.Finding;
import io.strata.model.ImagePath;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * A short hash of the code that decides what a scan yields: every class of this package (found where the
 * package was loaded from, so a new class counts without anyone listing it), the model values it builds and
 * the tar and decompression classes it reads with. Part of every cache key, so results of another build of
 * the scanner are never reused. Empty when the classes cannot be read; then nothing is cached.
 */
final class ScannerFingerprint {
    private static final String PACKAGE = "io/strata/layer/";
    private static final List<Class<?>> OUTSIDE = List.of(ImagePath.class, Finding.class, Digest.class,
            Compression.class, TarArchiveInputStream.class, TarArchiveEntry.class, GzipCompressorInputStream.class,
            ZstdInputStream.class);

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
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            List<String> names = new ArrayList<>(packageClasses());
            if (names.isEmpty()) return Optional.empty();
            for (Class<?> c : OUTSIDE) names.add(c.getName().replace('.', '/') + ".class");
            for (String name : names) {
                try (InputStream in = ScannerFingerprint.class.getClassLoader().getResourceAsStream(name)) {
                    if (in == null) return Optional.empty();
                    sha.update(name.getBytes(StandardCharsets.UTF_8));
                    sha.update(in.readAllBytes());
                }
            }
            return Optional.of(HexFormat.of().formatHex(sha.digest(), 0, 8));
        } catch (IOException | NoSuchAlgorithmException | URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The class files of this package, sorted, from the jar or the classes folder it was loaded from. */
    private static List<String> packageClasses() throws IOException, URISyntaxException {
        Path source = Path.of(ScannerFingerprint.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isDirectory(source)) {
            try (Stream<Path> s = Files.list(source.resolve(PACKAGE))) {
                return s.map(p -> PACKAGE + p.getFileName()).filter(n -> n.endsWith(".class")).sorted().toList();
            }
        }
        try (ZipFile jar = new ZipFile(source.toFile())) {
            return jar.stream().map(e -> e.getName())
                    .filter(n -> n.startsWith(PACKAGE) && n.endsWith(".class") && n.indexOf('/', PACKAGE.length()) < 0)
                    .sorted().toList();
        }
    }
}
