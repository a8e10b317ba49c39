package io.strata.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One side of `strata diff` as typed: {@code ARCHIVE} or {@code ARCHIVE#REF}, REF being a tag, a digest prefix
 * or a position, as for --image. A name that exists as typed is taken whole, so a file with '#' in its name
 * still works.
 */
record DiffTarget(String archive, Optional<String> ref) {

    static DiffTarget parse(String argument) throws UsageException {
        int hash = argument.lastIndexOf('#');
        if (hash < 0 || "-".equals(argument) || Files.exists(Path.of(argument))) {
            return new DiffTarget(argument, Optional.empty());
        }
        String archive = argument.substring(0, hash);
        String ref = argument.substring(hash + 1);
        if (archive.isEmpty() || ref.isEmpty()) {
            throw new UsageException("'" + argument + "': expected ARCHIVE#REF with a tag, digest or position after '#'");
        }
        return new DiffTarget(archive, Optional.of(ref));
    }
}
