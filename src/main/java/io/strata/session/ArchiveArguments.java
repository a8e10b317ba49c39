package io.strata.session;

import io.strata.archive.ArchiveException;
import io.strata.archive.ImageArchives;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Expands archive arguments: a folder that is not an OCI layout stands for the archives inside it. Its other files
 * (a README, facts, anything whose first bytes are not a tar, gzip or zstd) are skipped with a note, not an error;
 * its subfolders are searched when {@code recursive}, else skipped with a note.
 */
public final class ArchiveArguments {
    private ArchiveArguments() {
    }

    public static List<String> expand(List<String> args, boolean recursive, Consumer<String> notes)
            throws ArchiveException {
        List<String> out = new ArrayList<>();
        for (String a : args) {
            if (!isFolderOfArchives(a)) {
                out.add(a);
                continue;
            }
            int before = out.size();
            List<String> skipped = new ArrayList<>();
            collect(Path.of(a), recursive, out, skipped::add);
            if (out.size() == before) {
                // nothing to analyse: one line that says what was there instead
                throw new ArchiveException(a + ": not an image archive: a directory that is not an OCI image layout"
                        + " (no oci-layout or index.json) and holds no archive files"
                        + (recursive ? "" : " (--recursive searches its subfolders)")
                        + (skipped.isEmpty() ? "" : "; skipped " + String.join("; ", skipped)));
            }
            skipped.forEach(notes);
        }
        return out;
    }

    private static void collect(Path folder, boolean recursive, List<String> out, Consumer<String> notes)
            throws ArchiveException {
        List<Path> entries;
        try (Stream<Path> s = Files.list(folder)) {
            entries = s.sorted().toList();
        } catch (IOException e) {
            throw new ArchiveException(folder + ": cannot list directory: " + e.getMessage());
        }
        for (Path p : entries) {
            if (Files.isDirectory(p) && !ImageArchives.looksLikeArchive(p)) {
                if (recursive) collect(p, true, out, notes);
                else notes.accept(p + ": a folder; skipped (--recursive searches it)");
            } else if (Files.isDirectory(p) || (Files.isRegularFile(p) && ImageArchives.looksLikeArchive(p))) {
                out.add(p.toString());
            } else {
                notes.accept(p + ": not an image archive; skipped");
            }
        }
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
        return Files.isDirectory(p) && !ImageArchives.looksLikeArchive(p);
    }
}
