package io.strata.layer;

import io.strata.testing.LayerTar;
import io.strata.testing.RawTar;
import io.strata.model.Finding;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scanner on tars built here: type flags, PAX (global too), GNU long names, sparse files, xattrs, odd names. */
class LayerScannerTest {
    @TempDir
    Path dir;

    private static List<String> paths(LayerIndex idx) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < idx.size(); i++) out.add(idx.path(i));
        return out;
    }

    private static int find(LayerIndex idx, String path) {
        for (int i = 0; i < idx.size(); i++) if (idx.path(i).equals(path)) return i;
        throw new AssertionError(path + " not in " + paths(idx));
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private LayerIndex scanRaw(byte[] tar) throws Exception {
        Path f = dir.resolve("raw.tar");
        Files.write(f, tar);
        return LayerTar.scanFile(f);
    }

    @Test
    void kindsComeFromTheTypeFlagAndContentBytesCountSymlinkTargets() throws Exception {
        LayerIndex idx = LayerTar.create()
                .dir("etc").file("etc/a.txt", "hello").symlink("etc/link", "a.txt").hardlink("etc/hard", "etc/a.txt")
                .special("dev/tty", TarConstants.LF_CHR).special("dev/sda", TarConstants.LF_BLK)
                .special("run/pipe", TarConstants.LF_FIFO).whiteout("etc/old").opaque("var")
                .scanAt(dir.resolve("l.tar"));
        assertEquals(EntryKind.DIR, idx.kind(find(idx, "etc")));
        assertEquals(EntryKind.FILE, idx.kind(find(idx, "etc/a.txt")));
        assertEquals(EntryKind.SYMLINK, idx.kind(find(idx, "etc/link")));
        assertEquals(EntryKind.HARDLINK, idx.kind(find(idx, "etc/hard")));
        assertEquals("etc/a.txt", idx.linkTarget(find(idx, "etc/hard")).orElseThrow());
        assertEquals(EntryKind.CHAR, idx.kind(find(idx, "dev/tty")));
        assertEquals(EntryKind.BLOCK, idx.kind(find(idx, "dev/sda")));
        assertEquals(EntryKind.FIFO, idx.kind(find(idx, "run/pipe")));
        assertEquals(EntryKind.WHITEOUT, idx.kind(find(idx, "etc/old")));
        assertEquals(EntryKind.OPAQUE, idx.kind(find(idx, "var")));
        // docker counts a symlink as the length of its target: 5 file bytes + 5 ("a.txt")
        assertEquals(10, idx.totals().contentBytes());
        assertEquals(sha256("hello".getBytes()), idx.sha256(find(idx, "etc/a.txt")).orElseThrow().hex());
        assertEquals(5, idx.linkTargetBytes(find(idx, "etc/link")));
    }

    @Test
    void paxGlobalHeaderIsAppliedNotListed() throws Exception {
        Map<String, String> global = new LinkedHashMap<>();
        global.put("comment", "made by git archive");
        byte[] tar = new RawTar().pax('g', global).entry("a.txt", '0', "abc".getBytes()).finish();
        LayerIndex idx = scanRaw(tar);
        assertEquals(List.of("a.txt"), paths(idx));
        assertEquals(3, idx.size(0));
    }

    @Test
    void gnuLongNamesAndLongLinkTargets() throws Exception {
        String longDir = "d/" + "x".repeat(120) + "/";
        String longName = longDir + "y".repeat(110) + ".txt";
        String longTarget = "/" + "t".repeat(150);
        LayerIndex idx = LayerTar.gnu().file(longName, "z").symlink(longDir + "link", longTarget)
                .hardlink(longDir + "hard", longName).scanAt(dir.resolve("gnu.tar"));
        assertEquals(EntryKind.FILE, idx.kind(find(idx, longName)));
        assertEquals(longTarget, idx.linkTarget(find(idx, longDir + "link")).orElseThrow());
        assertEquals(longName, idx.linkTarget(find(idx, longDir + "hard")).orElseThrow());
        LayerIndex pax = LayerTar.create().file(longName, "z").symlink(longDir + "link", longTarget)
                .scanAt(dir.resolve("pax.tar"));
        assertEquals(longTarget, pax.linkTarget(find(pax, longDir + "link")).orElseThrow());
    }

    @Test
    void sparseFileHasItsRealSizeAndTheDigestOfItsExpandedContent() throws Exception {
        Map<String, String> sparse = new LinkedHashMap<>();
        sparse.put("GNU.sparse.size", "1004");
        sparse.put("GNU.sparse.numblocks", "2");
        sparse.put("GNU.sparse.map", "0,5,1000,4");
        byte[] storedData = new byte[9];
        System.arraycopy("head!".getBytes(), 0, storedData, 0, 5);
        System.arraycopy("tail".getBytes(), 0, storedData, 5, 4);
        byte[] tar = new RawTar().pax('x', sparse).entry("sparse.bin", '0', storedData).finish();
        LayerIndex idx = scanRaw(tar);
        int i = find(idx, "sparse.bin");
        assertEquals(1004, idx.size(i));
        byte[] expanded = new byte[1004];
        System.arraycopy("head!".getBytes(), 0, expanded, 0, 5);
        System.arraycopy("tail".getBytes(), 0, expanded, 1000, 4);
        assertEquals(sha256(expanded), idx.sha256(i).orElseThrow().hex());
        assertEquals(1004, idx.totals().contentBytes());
    }

    @Test
    void xattrsIncludingSecurityCapability() throws Exception {
        TarArchiveEntry ping = new TarArchiveEntry("bin/ping");
        ping.setSize(2);
        ping.setMode(0755);
        // vfs_cap_data revision 2, cap_net_raw (bit 13) permitted and effective
        ping.addPaxHeader("SCHILY.xattr.security.capability", "\u0001\u0000\u0000\u0002\u0000\u0020\u0000\u0000");
        TarArchiveEntry other = new TarArchiveEntry("bin/other");
        other.setSize(0);
        other.addPaxHeader("LIBARCHIVE.xattr.user.note",
                Base64.getEncoder().encodeToString("hi".getBytes(StandardCharsets.UTF_8)));
        LayerIndex idx = LayerTar.create().put(ping, "ok".getBytes()).put(other, new byte[0])
                .scanAt(dir.resolve("x.tar"));
        Map<String, String> caps = idx.xattrs(find(idx, "bin/ping"));
        assertTrue(caps.containsKey("security.capability"), caps.toString());
        assertEquals(8, caps.get("security.capability").length());
        assertEquals("hi", idx.xattrs(find(idx, "bin/other")).get("user.note"));
    }

    @Test
    void namesThatAreNotUtf8StayDistinct() throws Exception {
        byte[] latin1a = {'b', 'a', 'd', (byte) 0xE9, '.', 't', 'x', 't'};
        byte[] latin1b = {'b', 'a', 'd', (byte) 0xE8, '.', 't', 'x', 't'};
        byte[] utf8 = "café.txt".getBytes(StandardCharsets.UTF_8);
        byte[] tar = new RawTar().entry(latin1a, '0', "1".getBytes()).entry(latin1b, '0', "2".getBytes())
                .entry(utf8, '0', "3".getBytes()).finish();
        LayerIndex idx = scanRaw(tar);
        // each invalid byte is kept as U+DC00+byte (NameBytes), so the two names stay two and keep their bytes
        assertEquals(List.of("bad\udce9.txt", "bad\udce8.txt", "café.txt"), paths(idx));
        assertTrue(idx.findings().stream().noneMatch(f -> f.code().equals("duplicate-path")));
    }

    @Test
    void oldStyleDirectoryAndUnknownTypes() throws Exception {
        byte[] tar = new RawTar().entry("olddir/", '\0', new byte[0]).entry("weird", 'Q', new byte[0])
                .entry("olddir/f", '\0', "x".getBytes()).finish();
        LayerIndex idx = scanRaw(tar);
        assertEquals(EntryKind.DIR, idx.kind(find(idx, "olddir")));
        assertEquals(EntryKind.FILE, idx.kind(find(idx, "olddir/f")));
        assertFalse(paths(idx).contains("weird"));
        assertTrue(idx.findings().stream().anyMatch(f -> f.code().equals("unknown-entry-type")));
    }

    @Test
    void dotDotThatEscapesIsAFindingAndIsNotFollowed() throws Exception {
        LayerIndex idx = LayerTar.create().file("../evil", "x").file("a/../b", "y").file("./c", "z")
                .scanAt(dir.resolve("dots.tar"));
        assertEquals(List.of("b", "c"), paths(idx));
        Finding f = idx.findings().stream().filter(x -> x.code().equals("path-escape")).findFirst().orElseThrow();
        assertEquals(Finding.Severity.ERROR, f.severity());
        assertEquals(2, idx.totals().contentBytes());
    }

    @Test
    void bareWhiteoutIsAFinding() throws Exception {
        LayerIndex idx = LayerTar.create().file("d/.wh.", "").scanAt(dir.resolve("bare.tar"));
        assertEquals(0, idx.size());
        assertTrue(idx.findings().stream().anyMatch(f -> f.code().equals("bare-whiteout")));
    }
}
