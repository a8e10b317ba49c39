package io.strata.cache;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which archive files the last run of a command line read lightly: every layer (or the finished package inventory) taken
 * from the cache, bound to the very file unchanged, so no blob was scanned or hashed. The launcher reads these marks
 * to start such a run with the quick compiler alone (C1 starts faster and leaves both cores to the run; on a run that
 * scans blobs it is several times slower, so a run that turns out heavy removes the mark and the next one starts
 * with the optimising compiler again). A mark is only a guess about speed: it never decides what a run serves.
 *
 * <p>Marks are empty files {@code <root>/light/<build>/<line>/<file>}: {@code <build>/<line>} is what the launcher
 * passes in {@link #PROPERTY} (the jar's size and modification time; the command and {@code cksum} of the whole
 * command line, so another image, platform or limit is not taken for the same run), {@code <file>} the
 * archive's device, inode, size, modification and change times in seconds, as {@code stat -L -c %d-%i-%s-%Y-%Z}
 * prints them. Marks of other builds are removed when a mark is written; all of them when cache entries are
 * evicted (a mark would then promise hits that are gone).
 */
public final class LightRuns {
    /** The system property the launcher sets: {@code <jar size>-<jar mtime>/<command>-<cksum>-<length>}. */
    public static final String PROPERTY = "strata.lightRuns";
    static final String FOLDER = "light";
    private static final Pattern STAMP = Pattern.compile("([0-9]+-[0-9]+)/([a-z]+-[0-9]+-[0-9]+)");

    private LightRuns() {
    }

    /**
     * Marks {@code archives} (paths as the user gave them) as read lightly by this run, or removes their marks.
     * Best effort: nothing happens without the launcher's property, and a mark that cannot be written is no mark.
     */
    public static void record(Path root, Iterable<String> archives, boolean light) {
        String stamp = System.getProperty(PROPERTY);
        if (stamp == null) return;
        var m = STAMP.matcher(stamp);
        if (!m.matches()) return;
        Path folder = root.resolve(FOLDER).resolve(m.group(1)).resolve(m.group(2));
        try {
            if (light) forgetOtherBuilds(root.resolve(FOLDER), m.group(1));
            for (String archive : archives) {
                Optional<String> id = fileId(Path.of(archive));
                if (id.isEmpty()) continue;
                if (light) {
                    Files.createDirectories(folder);
                    if (!Files.exists(folder.resolve(id.get()))) Files.createFile(folder.resolve(id.get()));
                } else {
                    Files.deleteIfExists(folder.resolve(id.get()));
                }
            }
        } catch (IOException | RuntimeException e) {
            // a guess about speed, not worth a message
        }
    }

    /** Removes every mark: entries were evicted, so a marked file may no longer be served from the cache. */
    public static void forget(Path root) {
        deleteTree(root.resolve(FOLDER));
    }

    /** The name of a regular file's mark; empty for standard input, a folder, or where the file system does not say. */
    static Optional<String> fileId(Path file) {
        try {
            if (!Files.isRegularFile(file)) return Optional.empty();
            Map<String, Object> a = Files.readAttributes(file, "unix:dev,ino,size,lastModifiedTime,ctime");
            return Optional.of(a.get("dev") + "-" + a.get("ino") + "-" + a.get("size") + "-"
                    + seconds(a.get("lastModifiedTime")) + "-" + seconds(a.get("ctime")));
        } catch (IOException | RuntimeException unsupported) {
            return Optional.empty();
        }
    }

    private static long seconds(Object time) {
        return ((FileTime) time).to(TimeUnit.SECONDS);
    }

    private static void forgetOtherBuilds(Path light, String build) throws IOException {
        if (!Files.isDirectory(light)) return;
        try (DirectoryStream<Path> builds = Files.newDirectoryStream(light)) {
            for (Path b : builds) {
                if (!b.getFileName().toString().equals(build)) deleteTree(b);
            }
        }
    }

    private static void deleteTree(Path top) {
        if (!Files.exists(top, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        try (Stream<Path> all = Files.walk(top)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | RuntimeException e) {
            // left for the next eviction or prune
        }
    }
}
