package io.strata.fleet;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * SOURCE arguments to archives. A folder that is not an OCI layout stands for the archive files in it (as for the
 * CLI: `*.txt` skipped, sorted); a file named `*.txt` or `*.list` is a list of archives, one per line (blank lines
 * and `#` comments skipped, relative paths taken from the list's folder); anything else is one archive. A URI
 * (file:, hdfs:, s3a:...) is listed through Hadoop's FileSystem API by the same rules; a plain path directly.
 */
final class FleetSources {
    /** A SOURCE that names nothing usable: the run stops before Spark starts (exit 2). */
    static final class SourceException extends Exception {
        SourceException(String message) {
            super(message);
        }
    }

    private FleetSources() {
    }

    static List<String> expand(List<String> sources, Configuration conf) throws SourceException {
        Set<String> out = new LinkedHashSet<>();
        for (String s : sources) {
            try {
                if (ArchivePath.isUri(s)) out.addAll(expandUri(s, conf));
                else out.addAll(expandLocal(s));
            } catch (IOException e) {
                throw new SourceException(s + ": cannot list: " + e.getMessage());
            }
        }
        if (out.isEmpty()) throw new SourceException("no archives in " + String.join(", ", sources));
        return new ArrayList<>(out);
    }

    private static boolean isList(String name) {
        return name.endsWith(".txt") || name.endsWith(".list");
    }

    private static List<String> expandLocal(String s) throws IOException, SourceException {
        Path p = Path.of(s);
        if (!Files.exists(p)) throw new SourceException(s + ": no such file or directory");
        if (Files.isDirectory(p)) {
            if (isLayout(Files.exists(p.resolve("index.json")), Files.exists(p.resolve("oci-layout")),
                    Files.exists(p.resolve("manifest.json")))) {
                return List.of(s);
            }
            try (Stream<Path> files = Files.list(p)) {
                List<String> found = files.filter(Files::isRegularFile)
                        .filter(f -> !f.getFileName().toString().endsWith(".txt")).map(Path::toString).sorted()
                        .toList();
                if (found.isEmpty()) throw new SourceException(s + ": a folder with no archive files in it");
                return found;
            }
        }
        if (!isList(s)) return List.of(s);
        List<String> listed = new ArrayList<>();
        Path base = p.toAbsolutePath().getParent();
        for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
            String a = line.strip();
            if (a.isEmpty() || a.startsWith("#")) continue;
            listed.add(ArchivePath.isUri(a) || Path.of(a).isAbsolute() ? a : base.resolve(a).normalize().toString());
        }
        if (listed.isEmpty()) throw new SourceException(s + ": the list names no archives");
        return listed;
    }

    private static List<String> expandUri(String s, Configuration conf) throws IOException, SourceException {
        org.apache.hadoop.fs.Path p = ArchivePath.hadoop(s);
        FileSystem fs = p.getFileSystem(conf);
        if (!fs.exists(p)) throw new SourceException(s + ": no such file or directory");
        FileStatus status = fs.getFileStatus(p);
        if (status.isDirectory()) {
            if (isLayout(fs.exists(new org.apache.hadoop.fs.Path(p, "index.json")),
                    fs.exists(new org.apache.hadoop.fs.Path(p, "oci-layout")),
                    fs.exists(new org.apache.hadoop.fs.Path(p, "manifest.json")))) {
                return List.of(s);
            }
            List<String> found = new ArrayList<>();
            for (FileStatus f : fs.listStatus(p)) {
                if (f.isFile() && !f.getPath().getName().endsWith(".txt")) found.add(f.getPath().toString());
            }
            if (found.isEmpty()) throw new SourceException(s + ": a folder with no archive files in it");
            found.sort(null);
            return found;
        }
        if (!isList(p.getName())) return List.of(s);
        List<String> listed = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(p), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                String a = line.strip();
                if (a.isEmpty() || a.startsWith("#")) continue;
                listed.add(ArchivePath.isUri(a) ? a : new org.apache.hadoop.fs.Path(p.getParent(), a).toString());
            }
        }
        if (listed.isEmpty()) throw new SourceException(s + ": the list names no archives");
        return listed;
    }

    /** An OCI layout (or an unpacked docker save) is one archive, not a folder of them: the CLI's rule. */
    private static boolean isLayout(boolean index, boolean ociLayout, boolean manifest) {
        return index || ociLayout || manifest;
    }
}
