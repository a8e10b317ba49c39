package io.strata.cli;

import io.strata.archive.ImageArchive;
import io.strata.archive.ImageArchives;
import io.strata.archive.ImageEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * `strata export` writes the rootfs tar the flattener's listing describes ({@code X.tar.merged.<image>.txt}: skopeo +
 * umoci unpack): the same paths, types, modes, owners, sizes, link targets, contents and hardlink groups.
 */
class ExportCommandTest {
    @TempDir
    Path tmp;

    /** One exported entry, in the listing's words. */
    private record Row(String type, String mode, String uid, String gid, long size, String link, String sha, String group) {
    }

    @Test
    void everyExportMatchesTheFlattenersListing() throws Exception {
        int compared = 0;
        List<String> failures = new ArrayList<>();
        for (Path archive : VerifyCommandTest.testdataArchives()) {
            String prefix = archive.getFileName() + ".merged.";
            List<Path> listings;
            try (var s = Files.list(archive.getParent())) {
                listings = s.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
            }
            for (Path listing : listings) {
                String suffix = listing.getFileName().toString().substring(prefix.length()).replaceFirst("\\.txt$", "");
                int position = position(archive, suffix);
                Path out = tmp.resolve(archive.getFileName() + "." + position + ".rootfs.tar");
                CliRun run = CliRun.strata("export", archive.toString(), "--image", String.valueOf(position),
                        "-o", out.toString());
                assertEquals(0, run.code(), archive + ": " + run.err());
                String diff = difference(expected(listing), exported(out));
                if (!diff.isEmpty()) failures.add(listing.getFileName() + ":\n" + diff);
                compared++;
            }
        }
        assertTrue(compared >= 21, "listings compared: " + compared);
        if (!failures.isEmpty()) fail(String.join("\n", failures));
    }

    @Test
    void hardlinksStayHardlinksAndWhiteoutsAreApplied() throws Exception {
        Path out = tmp.resolve("rootfs.tar");
        assertEquals(0, CliRun.strata("export", CliRun.SAMPLE, "-o", out.toString()).code());
        Map<String, TarArchiveEntry> entries = new HashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(out))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                assertFalse(e.getName().startsWith("/") || e.getName().contains(".."), e.getName());
                assertFalse(e.getName().contains(".wh."), e.getName());
                entries.put(e.getName(), e);
            }
        }
        TarArchiveEntry link = entries.get("opt/app/data/linked-2.txt");
        assertTrue(link.isLink(), "linked-2.txt is a hardlink entry");
        assertEquals("opt/app/data/linked-1.txt", link.getLinkName());
        assertFalse(entries.containsKey("opt/app/data/big.bin"));
        assertFalse(entries.containsKey("var/cache/appcache/entry1.dat"));
    }

    /** Without -o the tar goes to standard output when that is not a terminal (as here): `strata export A > r.tar`. */
    @Test
    void standardOutputWithoutTheOutputOption() throws Exception {
        byte[] tar = ConfigCommandTest.stdout("export", CliRun.SAMPLE);
        try (var in = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(new java.io.ByteArrayInputStream(tar))) {
            java.util.Set<String> names = new java.util.HashSet<>();
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) names.add(e.getName());
            // the sample's merged view (its umoci listing) holds /etc/passwd and the app's hardlinked file
            assertTrue(names.contains("etc/passwd") && names.contains("opt/app/data/linked-2.txt"), names.toString());
        }
    }

    @Test
    void theOutputIsNeverTheInput() {
        CliRun clobber = CliRun.strata("export", CliRun.SAMPLE, "-o", CliRun.SAMPLE);
        assertEquals(2, clobber.code());
        assertTrue(clobber.err().contains("is an input"), clobber.err());
    }

    /** The image a listing describes: "imgN" is a position, otherwise a ref or platform with '/' and ':' as '_'. */
    private static int position(Path archive, String suffix) throws Exception {
        try (ImageArchive a = ImageArchives.open(archive.toString())) {
            for (ImageEntry e : a.images()) {
                if (suffix.equals("img" + e.position()) || sanitise(e.platform().toString()).equals(suffix)
                        || e.refs().stream().anyMatch(r -> sanitise(r).equals(suffix))) {
                    return e.position();
                }
            }
        }
        throw new AssertionError(archive + ": no image for listing " + suffix);
    }

    private static String sanitise(String s) {
        return s.replace('/', '_').replace(':', '_');
    }

    /** path -> row, from the listing; nlink becomes a group key for non-directories with nlink > 1. */
    private static Map<String, Row> expected(Path listing) throws Exception {
        Map<String, Row> out = new TreeMap<>();
        Map<String, String> groupBySha = new HashMap<>();
        for (String line : Files.readAllLines(listing, StandardCharsets.UTF_8)) {
            if (line.startsWith("#") || line.isBlank()) continue;
            String[] f = line.split("\\|", -1);
            boolean linked = !f[1].equals("directory") && Integer.parseInt(f[8]) > 1;
            String group = linked ? groupBySha.computeIfAbsent(f[7], k -> f[0]) : "";
            out.put(f[0], new Row(f[1], f[2], f[3], f[4], Long.parseLong(f[5]), f[6], f[7], group));
        }
        return out;
    }

    private static Map<String, Row> exported(Path tar) throws Exception {
        Map<String, Row> out = new TreeMap<>();
        Map<String, Row> files = new HashMap<>();
        Map<String, Integer> links = new HashMap<>();
        List<TarArchiveEntry> hardlinks = new ArrayList<>();
        try (InputStream in = Files.newInputStream(tar); TarArchiveInputStream t = new TarArchiveInputStream(in)) {
            TarArchiveEntry e;
            while ((e = t.getNextEntry()) != null) {
                String name = e.getName().replaceFirst("/$", "");
                String mode = Integer.toOctalString(e.getMode() & 07777);
                String uid = String.valueOf(e.getLongUserId());
                String gid = String.valueOf(e.getLongGroupId());
                if (e.isDirectory()) {
                    out.put(name, new Row("directory", mode, uid, gid, 0, "", "", ""));
                } else if (e.isSymbolicLink()) {
                    out.put(name, new Row("symbolic link", mode, uid, gid, 0, e.getLinkName(), "", ""));
                } else if (e.isLink()) {
                    hardlinks.add(e);
                } else if (e.isFile()) {
                    byte[] data = t.readAllBytes();
                    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
                    Row r = new Row(data.length == 0 ? "regular empty file" : "regular file", mode, uid, gid,
                            data.length, "", sha, "");
                    out.put(name, r);
                    files.put(name, r);
                } else {
                    out.put(name, new Row(e.isCharacterDevice() ? "character special file" : e.isBlockDevice()
                            ? "block special file" : "fifo", mode, uid, gid, 0, "", "", ""));
                }
            }
        }
        for (TarArchiveEntry h : hardlinks) {
            Row target = files.get(h.getLinkName());
            assertTrue(target != null, "hardlink " + h.getName() + " to " + h.getLinkName() + " precedes or lacks its file");
            links.merge(h.getLinkName(), 1, Integer::sum);
            out.put(h.getName(), new Row(target.type(), Integer.toOctalString(h.getMode() & 07777),
                    String.valueOf(h.getLongUserId()), String.valueOf(h.getLongGroupId()), target.size(), "",
                    target.sha(), h.getLinkName()));
        }
        for (String primary : links.keySet()) {
            Row r = out.get(primary);
            out.put(primary, new Row(r.type(), r.mode(), r.uid(), r.gid(), r.size(), r.link(), r.sha(), primary));
        }
        return out;
    }

    /** Hardlink groups are compared by membership: the listing's first member names its group, ours the file. */
    private static String difference(Map<String, Row> expected, Map<String, Row> actual) {
        Map<String, String> expectedGroup = groups(expected);
        Map<String, String> actualGroup = groups(actual);
        StringBuilder sb = new StringBuilder();
        for (String path : expected.keySet()) {
            Row e = expected.get(path);
            Row a = actual.get(path);
            if (a == null) {
                sb.append("  missing ").append(path).append('\n');
                continue;
            }
            Row e2 = new Row(e.type(), e.mode(), e.uid(), e.gid(), e.size(), e.link(), e.sha(), expectedGroup.get(path));
            Row a2 = new Row(a.type(), a.mode(), a.uid(), a.gid(), a.size(), a.link(), a.sha(), actualGroup.get(path));
            if (!e2.equals(a2)) sb.append("  ").append(path).append(": expected ").append(e2).append(", got ").append(a2).append('\n');
        }
        for (String path : actual.keySet()) {
            if (!expected.containsKey(path)) sb.append("  extra ").append(path).append('\n');
        }
        return sb.toString();
    }

    /** path -> sorted list of its hardlink group's members ("" when alone). */
    private static Map<String, String> groups(Map<String, Row> rows) {
        Map<String, List<String>> members = new TreeMap<>();
        rows.forEach((p, r) -> {
            if (!r.group().isEmpty()) members.computeIfAbsent(r.group(), k -> new ArrayList<>()).add(p);
        });
        Map<String, String> out = new HashMap<>();
        rows.forEach((p, r) -> out.put(p, ""));
        for (List<String> m : members.values()) {
            m.sort(null);
            for (String p : m) out.put(p, String.join(",", m));
        }
        return out;
    }
}
