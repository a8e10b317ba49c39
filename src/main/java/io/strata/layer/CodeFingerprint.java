package io.strata.layer;

import io.strata.model.Digest;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * A short hash of the code of one package, for a {@link ContentTap#fingerprint()}: like the scanner's own
 * fingerprint, a jar stands for its classes by its size and modification time, a classes folder is hashed class
 * file by class file. "unknown" when the code cannot be found (then every run starts a new cache entry).
 */
public final class CodeFingerprint {
    private CodeFingerprint() {
    }

    /** The fingerprint of every class in {@code anchor}'s package (not its sub-packages). */
    public static String ofPackage(Class<?> anchor) {
        try {
            MessageDigest sha = Digest.newSha256();
            Path source = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(source)) {
                BasicFileAttributes a = Files.readAttributes(source, BasicFileAttributes.class);
                sha.update(("jar " + a.size() + " " + a.lastModifiedTime().toMillis()).getBytes(StandardCharsets.UTF_8));
            } else {
                Path folder = source.resolve(anchor.getPackageName().replace('.', '/'));
                try (Stream<Path> files = Files.list(folder)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                        sha.update(f.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                        sha.update(Files.readAllBytes(f));
                    }
                }
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return "unknown-" + System.nanoTime();
        }
    }
}
