package io.strata.session;

import io.strata.archive.ArchiveException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Expands archive arguments: a folder that is not an OCI layout stands for the archives inside it. */
public final class ArchiveArguments {
    private ArchiveArguments() {
    }

    public static List<String> expand(List<String> args) throws ArchiveException {
        List<String> out = new ArrayList<>();
        for (String a : args) {
            if (!isFolderOfArchives(a)) {
                out.add(a);
                continue;
            }
            try (Stream<Path> s = Files.list(Path.of(a))) {
                List<String> found = s.filter(Files::isRegularFile)
                        .filter(f -> !f.getFileName().toString().endsWith(".txt"))
                        .map(Path::toString).sorted().toList();
                if (found.isEmpty()) {
                    throw new ArchiveException(a + ": not an image archive: a directory that is not an OCI image layout"
                            + " (no oci-layout or index.json) and holds no archive files");
                }
                out.addAll(found);
            } catch (IOException e) {
                throw new ArchiveException(a + ": cannot list directory: " + e.getMessage());
            }
        }
        return out;
    }

    /**
     * Whether the arguments name a set rather than one archive: several of them, or a folder of archives (a
     * folder is a set even when it holds one archive, so a script gets the same output shape whatever it holds).
     */
    public static boolean isSet(List<String> args) {
        return args.size() > 1 || args.stream().anyMatch(ArchiveArguments::isFolderOfArchives);
    }

    private static boolean isFolderOfArchives(String a) {
        if ("-".equals(a)) return false;
        Path p = Path.of(a);
        boolean layout = Files.exists(p.resolve("index.json")) || Files.exists(p.resolve("oci-layout"))
                || Files.exists(p.resolve("manifest.json"));
        return Files.isDirectory(p) && !layout;
    }
}
