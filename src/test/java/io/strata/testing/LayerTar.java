package io.strata.testing;

import io.strata.layer.LayerException;
import io.strata.layer.LayerIndex;
import io.strata.layer.LayerScanner;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds a layer tar in the test with commons-compress (PAX for long names), then writes and scans it. */
public final class LayerTar {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);

    private LayerTar(int longFileMode) {
        tar.setLongFileMode(longFileMode);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    public static LayerTar create() {
        return new LayerTar(TarArchiveOutputStream.LONGFILE_POSIX);
    }

    /** Long names as GNU tar writes them ('L' and 'K' entries). */
    public static LayerTar gnu() {
        return new LayerTar(TarArchiveOutputStream.LONGFILE_GNU);
    }

    public LayerTar dir(String name) {
        return dir(name, 0755, 0, 0);
    }

    public LayerTar dir(String name, int mode, int uid, int gid) {
        TarArchiveEntry e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/", TarArchiveEntry.LF_DIR);
        return put(owned(e, mode, uid, gid), new byte[0]);
    }

    public LayerTar file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8), 0644, 0, 0);
    }

    public LayerTar file(String name, byte[] content, int mode, int uid, int gid) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_NORMAL);
        e.setSize(content.length);
        return put(owned(e, mode, uid, gid), content);
    }

    public LayerTar symlink(String name, String target) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
        e.setLinkName(target);
        return put(owned(e, 0777, 0, 0), new byte[0]);
    }

    public LayerTar hardlink(String name, String target) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_LINK);
        e.setLinkName(target);
        return put(owned(e, 0644, 0, 0), new byte[0]);
    }

    public LayerTar special(String name, byte type) {
        TarArchiveEntry e = new TarArchiveEntry(name, type);
        return put(owned(e, 0600, 0, 0), new byte[0]);
    }

    /** {@code .wh.NAME} beside NAME: deletes NAME from lower layers. */
    public LayerTar whiteout(String path) {
        int slash = path.lastIndexOf('/');
        return file(path.substring(0, slash + 1) + ".wh." + path.substring(slash + 1), new byte[0], 0, 0, 0);
    }

    /** {@code DIR/.wh..wh..opq}: hides what lower layers hold below DIR. */
    public LayerTar opaque(String dir) {
        return file((dir.isEmpty() ? "" : dir + "/") + ".wh..wh..opq", new byte[0], 0, 0, 0);
    }

    /** An entry prepared by the caller (PAX headers, odd types). */
    public LayerTar put(TarArchiveEntry e, byte[] content) {
        try {
            tar.putArchiveEntry(e);
            tar.write(content);
            tar.closeArchiveEntry();
            return this;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static TarArchiveEntry owned(TarArchiveEntry e, int mode, int uid, int gid) {
        e.setMode(mode);
        e.setUserId(uid);
        e.setGroupId(gid);
        e.setModTime(1_700_000_000_000L);
        return e;
    }

    public byte[] bytes() {
        try {
            tar.close();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }

    /** Writes the tar to {@code file} and scans it as a layer. */
    public LayerIndex scanAt(Path file) throws IOException, LayerException {
        Files.write(file, bytes());
        return scanFile(file);
    }

    public static LayerIndex scanFile(Path file) throws IOException, LayerException {
        try (InputStream in = Files.newInputStream(file)) {
            return LayerScanner.scan(in, LayerScanner.Options.DEFAULT);
        }
    }
}
