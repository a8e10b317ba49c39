package io.strata.tree;

import io.strata.archive.ImageEntry;
import io.strata.layer.EntryKind;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The merged view of every image of every archive in testdata/ equals the third-party flattener's listing
 * beside it ({@code X.tar.merged.<image>.txt}: skopeo + umoci unpack): paths, types, modes with special bits,
 * uid/gid, sizes, link targets, sha256 and hardlink groups (nlink). Quirks of that listing: no line for the
 * root directory; `stat -c %F` says "regular empty file" for size 0; directories and symlinks have size 0;
 * a directory's nlink counts its subdirectories, so it is compared for non-directories only.
 */
class MergedListingTest {

    @Test
    void everyImageMatchesTheFlattenersListing() throws Exception {
        List<Testdata.MergedCase> cases = Testdata.mergedImages();
        int compared = 0;
        List<String> failures = new ArrayList<>();
        for (Path archive : Testdata.archives()) {
            for (Path listing : listings(archive)) {
                String suffix = listing.getFileName().toString()
                        .substring(archive.getFileName().toString().length() + ".merged.".length());
                suffix = suffix.substring(0, suffix.length() - ".txt".length());
                Testdata.MergedCase c = pick(cases, archive, suffix);
                Map<String, String> expected = parse(listing);
                Map<String, String> actual = ours(c.tree());
                String diff = difference(expected, actual);
                if (!diff.isEmpty()) failures.add(listing.getFileName() + ":\n" + diff);
                compared++;
            }
        }
        assertTrue(compared >= 21, "expected every listing to be compared, got " + compared);
        if (!failures.isEmpty()) fail(String.join("\n", failures));
    }

    private static List<Path> listings(Path archive) throws IOException {
        String prefix = archive.getFileName() + ".merged.";
        try (var s = Files.list(archive.getParent())) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
        }
    }

    /** "img0" is the position; otherwise a ref or the platform with '/' and ':' written as '_'. */
    private static Testdata.MergedCase pick(List<Testdata.MergedCase> cases, Path archive, String suffix) {
        List<Testdata.MergedCase> found = new ArrayList<>();
        for (Testdata.MergedCase c : cases) {
            if (!c.archive().equals(archive)) continue;
            ImageEntry e = c.image();
            boolean named = suffix.equals("img" + e.position())
                    || sanitise(e.platform().toString()).equals(suffix)
                    || e.refs().stream().anyMatch(r -> sanitise(r).equals(suffix));
            if (named) found.add(c);
        }
        assertEquals(1, found.size(), archive + ": listing suffix '" + suffix + "' should name one image");
        return found.get(0);
    }

    private static String sanitise(String s) {
        return s.replace('/', '_').replace(':', '_');
    }

    /** path -> "type|mode|uid|gid|size|link|sha256|nlink", as the listing writes it. */
    static Map<String, String> parse(Path listing) throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (String line : Files.readAllLines(listing, StandardCharsets.UTF_8)) {
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] f = line.split("\\|", -1);
            assertEquals(9, f.length, "malformed line in " + listing + ": " + line);
            boolean dir = f[1].equals("directory");
            out.put(f[0], String.join("|", f[1], f[2], f[3], f[4], f[5], f[6], f[7], dir ? "-" : f[8]));
        }
        return out;
    }

    static Map<String, String> ours(FileTree tree) {
        List<VisibleFile> visible = tree.visible();
        Map<Long, Integer> nlink = new HashMap<>();
        for (VisibleFile f : visible) {
            if (f.isRegularContent() && f.contentEntry() >= 0) nlink.merge(f.inodeKey(), 1, Integer::sum);
        }
        Map<String, String> out = new TreeMap<>();
        for (VisibleFile f : visible) {
            String type = switch (f.kind()) {
                case DIR -> "directory";
                case FILE, HARDLINK -> f.size() == 0 ? "regular empty file" : "regular file";
                case SYMLINK -> "symbolic link";
                case CHAR -> "character special file";
                case BLOCK -> "block special file";
                case FIFO -> "fifo";
                default -> "unexpected " + f.kind();
            };
            boolean regular = f.isRegularContent();
            String links = f.kind() == EntryKind.DIR ? "-"
                    : Integer.toString(regular ? nlink.getOrDefault(f.inodeKey(), 1) : 1);
            out.put(f.path().relative(), String.join("|", type, Integer.toOctalString(f.mode() & 07777),
                    Long.toString(f.uid()), Long.toString(f.gid()),
                    Long.toString(regular ? f.size() : 0),
                    f.kind() == EntryKind.SYMLINK ? f.linkTarget().orElse("") : "",
                    regular ? f.sha256().map(d -> d.hex()).orElse("?") : "", links));
        }
        return out;
    }

    private static String difference(Map<String, String> expected, Map<String, String> actual) {
        StringBuilder sb = new StringBuilder();
        TreeSet<String> paths = new TreeSet<>(expected.keySet());
        paths.addAll(actual.keySet());
        int shown = 0;
        for (String p : paths) {
            String e = expected.get(p);
            String a = actual.get(p);
            if (e != null && e.equals(a)) continue;
            if (shown++ < 15) sb.append("  ").append(p).append("\n    expected ").append(e).append("\n    actual   ")
                    .append(a).append('\n');
        }
        if (shown > 15) sb.append("  ... ").append(shown - 15).append(" more\n");
        return sb.toString();
    }
}
