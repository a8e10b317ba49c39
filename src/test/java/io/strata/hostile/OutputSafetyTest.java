package io.strata.hostile;

import io.strata.testing.Archives;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Outputs never destroy: a full file system, a device node, a symlink, the input named as output, a signal in the
 * middle of a write, and standard output on a full device. The target is either the complete output or exactly
 * what it was, no temporary file is left behind, and a write error is exit 2 naming the output.
 */
class OutputSafetyTest {
    static final String SAMPLE = "testdata/sample/sample.docker-save.tar";

    @TempDir
    Path dir;

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static CommandMatrix.Outcome strata(String... args) {
        return CommandMatrix.run(List.of(args));
    }

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().contains(".strata-")).toList();
        }
    }

    private static void assertTar(Path p) throws IOException {
        byte[] head = new byte[512];
        try (InputStream in = Files.newInputStream(p)) {
            assertEquals(512, in.readNBytes(head, 0, 512));
        }
        assertEquals("ustar", new String(head, 257, 5, StandardCharsets.US_ASCII), p + " is a tar");
    }

    private static boolean isCharDevice(Path p) throws IOException {
        int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        return (mode & 0170000) == 0020000;
    }

    private static void mknod(Path p, int major, int minor) throws Exception {
        Process mk = new ProcessBuilder("mknod", p.toString(), "c", String.valueOf(major), String.valueOf(minor))
                .inheritIO().start();
        assertEquals(0, mk.waitFor());
    }

    @Test
    void aDeviceIsWrittenInPlaceAndNeverDeleted() throws Exception {
        Assumptions.assumeTrue(root(), "mknod needs root: skipped");
        Path nul = dir.resolve("null");
        Path full = dir.resolve("full");
        mknod(nul, 1, 3);
        mknod(full, 1, 7);
        assertEquals(0, strata("export", SAMPLE, "-o", nul.toString()).code());
        assertTrue(isCharDevice(nul), "still the device");
        CommandMatrix.Outcome r = strata("export", SAMPLE, "-o", full.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(full.toString()) && r.err().contains("No space left"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(isCharDevice(full), "a device that refused the bytes is still the device");
        assertEquals(2, strata("report", SAMPLE, "-o", full.toString()).code());
        assertTrue(isCharDevice(full));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void aSymlinkIsFollowedAndKept() throws Exception {
        Path target = Files.writeString(dir.resolve("target.tar"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.tar"), target);
        CommandMatrix.Outcome r = strata("export", SAMPLE, "-o", link.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isSymbolicLink(link), "the link stays a link");
        assertTar(target);
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.tar"), dir.resolve("nowhere.tar"));
        CommandMatrix.Outcome d = strata("export", SAMPLE, "-o", dangling.toString());
        assertEquals(2, d.code());
        assertFalse(Files.exists(dir.resolve("nowhere.tar")), "a planted link creates nothing elsewhere");
        assertEquals(List.of(), leftovers());
    }

    @Test
    void anInputIsNeverTheOutput() throws Exception {
        Path in = Files.copy(Path.of(SAMPLE), dir.resolve("in.tar"));
        byte[] before = Files.readAllBytes(in);
        Path link = Files.createSymbolicLink(dir.resolve("alias.tar"), in);
        Path hard = Files.createLink(dir.resolve("hard.tar"), in);
        for (Path out : List.of(in, link, hard)) {
            for (List<String> cmd : List.of(List.of("report", in.toString()), List.of("export", in.toString()),
                    List.of("extract", in.toString(), "/etc/hostname"), List.of("report", SAMPLE, in.toString()))) {
                List<String> args = new ArrayList<>(cmd);
                args.addAll(List.of("-o", out.toString()));
                CommandMatrix.Outcome r = CommandMatrix.run(args);
                assertEquals(2, r.code(), args + ": " + r.err());
                assertTrue(r.err().contains("is an input"), r.err());
            }
        }
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(in)), "the input is untouched");
    }

    /** A small tmpfs: what a full disk does to report, export and a symlinked output. */
    @Test
    void aFullFileSystemLeavesEveryTargetAsItWas() throws Exception {
        Assumptions.assumeTrue(root(), "mounting a small tmpfs needs root: skipped");
        Path mnt = Files.createDirectory(dir.resolve("small"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mnt.toString())
                .inheritIO().start();
        Assumptions.assumeTrue(mount.waitFor() == 0, "cannot mount a tmpfs here: skipped");
        try {
            Path existing = Files.writeString(mnt.resolve("existing.html"), "old");
            CommandMatrix.Outcome r = strata("report", SAMPLE, "-o", existing.toString());
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains(existing.toString()), r.err());
            assertEquals(3, Files.size(existing), "the old page is still there");
            assertEquals("old", Files.readString(existing));
            Path fresh = mnt.resolve("new.html");
            assertEquals(2, strata("report", SAMPLE, "--no-verify", "-o", fresh.toString()).code());
            assertFalse(Files.exists(fresh), "no 0-byte or partial page");
            assertEquals(2, strata("export", SAMPLE, "-o", mnt.resolve("rootfs.tar").toString()).code());
            assertFalse(Files.exists(mnt.resolve("rootfs.tar")));
            Path target = Files.writeString(mnt.resolve("target.tar"), "old");
            Path link = Files.createSymbolicLink(dir.resolve("link.tar"), target);
            assertEquals(2, strata("export", SAMPLE, "-o", link.toString()).code());
            assertTrue(Files.isSymbolicLink(link));
            assertEquals(3, Files.size(target), "no half-written file behind the link");
            assertEquals("old", Files.readString(target));
            assertEquals(List.of(), leftovers());
        } finally {
            new ProcessBuilder("umount", mnt.toString()).inheritIO().start().waitFor();
        }
    }

    /** Writes a layer tar holding one file of {@code bytes} zeros; returns how many bytes the tar has. */
    private static long zeroLayer(OutputStream out, long bytes) throws IOException {
        long[] count = {0};
        OutputStream counted = new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                count[0] += len;
            }

            @Override
            public void write(int b) throws IOException {
                out.write(b);
                count[0]++;
            }

            @Override
            public void close() throws IOException {
                flush(); // the outer tar's entry stays open
            }
        };
        var tar = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(counted);
        tar.setBigNumberMode(org.apache.commons.compress.archivers.tar.TarArchiveOutputStream.BIGNUMBER_POSIX);
        var e = new org.apache.commons.compress.archivers.tar.TarArchiveEntry("big.bin");
        e.setSize(bytes);
        e.setModTime(0);
        tar.putArchiveEntry(e);
        byte[] chunk = new byte[1 << 20];
        for (long done = 0; done < bytes; done += chunk.length) tar.write(chunk, 0, (int) Math.min(chunk.length, bytes - done));
        tar.closeArchiveEntry();
        tar.close();
        return count[0];
    }

    /** A docker-archive whose one layer holds a file of {@code bytes} zeros, for a long export; written once. */
    static Path bigArchive(Path file, long bytes) throws Exception {
        var sha = java.security.MessageDigest.getInstance("SHA-256");
        long layerBytes = zeroLayer(new java.security.DigestOutputStream(OutputStream.nullOutputStream(), sha), bytes);
        String diffId = "sha256:" + java.util.HexFormat.of().formatHex(sha.digest());
        byte[] config = Archives.json(Archives.config(List.of(diffId)));
        String configName = Archives.sha256(config).substring(7) + ".json";
        String manifest = "[{\"Config\":\"" + configName + "\",\"RepoTags\":[\"big:1\"],\"Layers\":[\"layer.tar\"]}]";
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
             var tar = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(out)) {
            tar.setBigNumberMode(org.apache.commons.compress.archivers.tar.TarArchiveOutputStream.BIGNUMBER_POSIX);
            Map<String, byte[]> small = new LinkedHashMap<>();
            small.put(configName, config);
            small.put("manifest.json", manifest.getBytes(StandardCharsets.UTF_8));
            for (var f : small.entrySet()) {
                var e = new org.apache.commons.compress.archivers.tar.TarArchiveEntry(f.getKey());
                e.setSize(f.getValue().length);
                tar.putArchiveEntry(e);
                tar.write(f.getValue());
                tar.closeArchiveEntry();
            }
            var e = new org.apache.commons.compress.archivers.tar.TarArchiveEntry("layer.tar");
            e.setSize(layerBytes);
            tar.putArchiveEntry(e);
            zeroLayer(tar, bytes);
            tar.closeArchiveEntry();
            tar.finish();
        }
        return file;
    }

    /** SIGTERM and SIGINT while a large export is being written: the old output stays, no temporary file is left. */
    @Test
    void aSignalMidWriteLeavesTheTargetAsItWas() throws Exception {
        Path big = bigArchive(dir.resolve("big.tar"), 128L << 20);
        for (String signal : List.of("TERM", "INT")) {
            Path out = Files.writeString(dir.resolve("out-" + signal + ".tar"), "old");
            List<String> cmd = ChildJvm.command("export", "--no-cache", big.toString(), "-o", out.toString());
            Path log = dir.resolve("child-" + signal + ".err");
            Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(log.toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            Path temp = null;
            while (temp == null && p.isAlive() && System.nanoTime() < deadline) {
                List<Path> t = leftovers();
                for (Path c : t) if (Files.size(c) > 0) temp = c;
                if (temp == null) Thread.sleep(2);
            }
            assertTrue(temp != null && p.isAlive(), "the export was stopped while writing: " + Files.readString(log));
            assertEquals(0, new ProcessBuilder("kill", "-" + signal, String.valueOf(p.pid())).start().waitFor());
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            if (p.exitValue() == 0) {
                // the export finished before the signal took hold: then the target is whole
                assertEquals(Files.size(big) > 0, Files.size(out) > (64L << 20), signal + ": whole output");
                assertTar(out);
            } else {
                assertEquals(3, Files.size(out), signal + ": the target is as it was (size)");
                assertEquals("old", Files.readString(out), signal + ": the target is as it was");
            }
            assertEquals(List.of(), leftovers(), signal + ": the temporary file is gone");
            Files.delete(log);
        }
    }

    /** Standard output on a full device: every command exits 2 naming standard output, never 0. */
    @Test
    void standardOutputOnAFullDeviceIsAnError() throws Exception {
        File full = new File("/dev/full");
        Assumptions.assumeTrue(full.exists(), "no /dev/full: skipped");
        List<List<String>> runs = List.of(
                List.of("inspect", SAMPLE), List.of("files", SAMPLE), List.of("waste", SAMPLE),
                List.of("verify", SAMPLE), List.of("history", SAMPLE), List.of("advise", SAMPLE),
                List.of("ci", SAMPLE), List.of("diff", SAMPLE, SAMPLE), List.of("extract", SAMPLE, "/etc/passwd"),
                List.of("export", SAMPLE, "-o", "-"), List.of("report", SAMPLE, "--no-verify", "-o", "-"),
                List.of("inspect", "--format", "json", SAMPLE), List.of("cache", "info"));
        for (List<String> args : runs) {
            ChildJvm.Result r = ChildJvm.run(full, args.toArray(String[]::new));
            assertEquals(2, r.code(), args + ": " + r.err());
            assertTrue(r.err().contains("standard output") && r.err().contains("No space left"), args + ": " + r.err());
            assertEquals(1, r.err().lines().count(), args + ": one line: " + r.err());
        }
    }

    /**
     * `strata files X | head -1`: the reader closes the pipe after one line. Like a Unix tool killed by SIGPIPE the
     * run ends quietly with 141 (128 + SIGPIPE), not 0 (the output was not all written) and not a message.
     */
    @Test
    void aReaderThatClosesThePipeEndsTheRunQuietly() throws Exception {
        // outputs larger than a pipe's buffer (64 KiB), so the write after the reader left really fails
        for (List<String> args : List.of(List.of("files", "--format", "json", SAMPLE),
                List.of("export", SAMPLE, "-o", "-"))) {
            List<String> cmd = ChildJvm.command(args.toArray(String[]::new));
            Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            try (InputStream out = p.getInputStream()) {
                assertTrue(out.read() >= 0, args + ": printed nothing");   // the first byte, then the reader is gone
            }
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), args + " did not finish");
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(141, p.exitValue(), args + ": " + err);
            assertEquals("", err, args + ": nothing on standard error");
        }
    }
}
