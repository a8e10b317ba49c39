package io.strata.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Expands archive arguments: a folder that is not an OCI layout stands for the archives inside it. */
final class ArchiveArguments {
    private ArchiveArguments() {
    }

    static List<String> expand(List<String> args) throws UsageException {
        List<String> out = new ArrayList<>();
        for (String a : args) {
            Path p = Path.of(a);
            boolean layout = Files.exists(p.resolve("index.json")) || Files.exists(p.resolve("oci-layout"))
                    || Files.exists(p.resolve("manifest.json"));
            if (!"-".equals(a) && Files.isDirectory(p) && !layout) {
                try (Stream<Path> s = Files.list(p)) {
                    List<String> found = s.filter(Files::isRegularFile)
                            .filter(f -> !f.getFileName().toString().endsWith(".txt"))
                            .map(Path::toString).sorted().toList();
                    if (found.isEmpty()) {
                        throw new UsageException(a + ": a directory that is not an OCI image layout (no oci-layout or index.json) and holds no archives");
                    }
                    out.addAll(found);
                } catch (IOException e) {
                    throw new UsageException(a + ": cannot list directory: " + e.getMessage());
                }
            } else {
                out.add(a);
            }
        }
        return out;
    }
}
