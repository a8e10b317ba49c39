package io.strata.diff;

import io.strata.archive.ImageEntry;
import io.strata.layer.LayerException;
import io.strata.layer.LayerIndex;
import io.strata.layer.LayerScanner;
import io.strata.model.Digest;
import io.strata.model.Healthcheck;
import io.strata.model.HistoryEntry;
import io.strata.model.ImageConfig;
import io.strata.model.Platform;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/** Small layers and configs built in the test itself, for the diff unit tests. */
final class DiffFixtures {
    private DiffFixtures() {
    }

    /** One layer tar, entry by entry, scanned into a LayerIndex by the real scanner. */
    static final class Layer {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final TarArchiveOutputStream tar;
        private long mtime = 1_700_000_000L;

        Layer() {
            tar = new TarArchiveOutputStream(bytes);
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        }

        Layer mtime(long seconds) {
            this.mtime = seconds;
            return this;
        }

        Layer dir(String path) {
            return dir(path, 0755, 0, 0);
        }

        Layer dir(String path, int mode, int uid, int gid) {
            TarArchiveEntry e = new TarArchiveEntry(path.endsWith("/") ? path : path + "/");
            return put(e, mode, uid, gid, null);
        }

        Layer file(String path, String content) {
            return file(path, content, 0644, 0, 0);
        }

        Layer file(String path, String content, int mode, int uid, int gid) {
            return put(new TarArchiveEntry(path), mode, uid, gid, content.getBytes(StandardCharsets.UTF_8));
        }

        Layer fileWithXattr(String path, String content, String name, String value) {
            TarArchiveEntry e = new TarArchiveEntry(path);
            e.addPaxHeader("SCHILY.xattr." + name, value);
            return put(e, 0644, 0, 0, content.getBytes(StandardCharsets.UTF_8));
        }

        Layer symlink(String path, String target) {
            TarArchiveEntry e = new TarArchiveEntry(path, TarConstants.LF_SYMLINK);
            e.setLinkName(target);
            return put(e, 0777, 0, 0, null);
        }

        Layer hardlink(String path, String target) {
            TarArchiveEntry e = new TarArchiveEntry(path, TarConstants.LF_LINK);
            e.setLinkName(target);
            return put(e, 0644, 0, 0, null);
        }

        /** Deletes {@code path} of lower layers. */
        Layer whiteout(String path) {
            int slash = path.lastIndexOf('/');
            String name = slash < 0 ? ".wh." + path : path.substring(0, slash + 1) + ".wh." + path.substring(slash + 1);
            return put(new TarArchiveEntry(name), 0600, 0, 0, new byte[0]);
        }

        /** Hides everything lower layers put below {@code dir}. */
        Layer opaque(String dir) {
            return put(new TarArchiveEntry(dir + "/.wh..wh..opq"), 0600, 0, 0, new byte[0]);
        }

        private Layer put(TarArchiveEntry e, int mode, int uid, int gid, byte[] content) {
            try {
                e.setMode(mode);
                e.setUserId(uid);
                e.setGroupId(gid);
                e.setModTime(new Date(mtime * 1000));
                if (content != null) e.setSize(content.length);
                tar.putArchiveEntry(e);
                if (content != null) tar.write(content);
                tar.closeArchiveEntry();
                return this;
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

        LayerIndex scan() {
            try {
                tar.finish();
                tar.close();
                return LayerScanner.scan(new ByteArrayInputStream(bytes.toByteArray()), LayerScanner.Options.DEFAULT);
            } catch (IOException | LayerException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static List<Optional<String>> steps(int layers, String prefix) {
        List<Optional<String>> out = new ArrayList<>();
        for (int i = 0; i < layers; i++) out.add(Optional.of(prefix + i));
        return out;
    }

    /** A config with the fields the diff reads; every argument may be empty. */
    static final class Config {
        Platform platform = Platform.of("linux", "amd64", null);
        Optional<String> created = Optional.empty();
        Optional<String> author = Optional.empty();
        List<String> env = List.of();
        List<String> cmd = List.of();
        List<String> entrypoint = List.of();
        Optional<String> user = Optional.empty();
        Optional<String> workingDir = Optional.empty();
        List<String> ports = List.of();
        List<String> volumes = List.of();
        Map<String, String> labels = Map.of();
        Optional<String> stopSignal = Optional.empty();
        Optional<Healthcheck> healthcheck = Optional.empty();
        List<HistoryEntry> history = List.of();

        ImageConfig build() {
            return new ImageConfig(platform, created, author, env, cmd, entrypoint, user, workingDir,
                    new TreeSet<>(ports), new TreeSet<>(volumes), new TreeMap<>(labels), stopSignal, healthcheck,
                    List.of(), history, Map.of());
        }

        /** As an image whose config digest is the hash of {@code digestSeed}. */
        ImageEntry entry(String digestSeed) {
            return new ImageEntry(0, ImageEntry.Kind.IMAGE, List.of("test:" + digestSeed), Optional.empty(),
                    Optional.empty(), sha256(digestSeed), "application/vnd.oci.image.config.v1+json", 100, build(),
                    platform, List.of(), List.of());
        }
    }

    static HistoryEntry step(String createdBy, boolean empty) {
        return new HistoryEntry(Optional.of("2024-01-01T00:00:00Z"), Optional.of(createdBy), Optional.empty(),
                Optional.empty(), empty);
    }

    static Digest sha256(String text) {
        try {
            byte[] raw = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return new Digest("sha256", HexFormat.of().formatHex(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
