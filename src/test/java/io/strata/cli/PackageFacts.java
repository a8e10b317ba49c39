package io.strata.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A packages facts file (ARCHIVE.packages.txt): sections headed "== NAME: command", each holding that tool's output lines. */
record PackageFacts(Map<String, List<String>> sections) {
    static PackageFacts read(String path) {
        try {
            Map<String, List<String>> out = new LinkedHashMap<>();
            List<String> current = null;
            for (String line : Files.readAllLines(Path.of(path))) {
                if (line.startsWith("== ")) {
                    current = new ArrayList<>();
                    out.put(line.substring(3), current);
                } else if (current != null && !line.isBlank() && !line.startsWith("#")) {
                    current.add(line);
                }
            }
            return new PackageFacts(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of the section whose heading starts with {@code prefix}. */
    List<String> section(String prefix) {
        for (Map.Entry<String, List<String>> e : sections.entrySet()) if (e.getKey().startsWith(prefix)) return e.getValue();
        throw new AssertionError("no section " + prefix + " in " + sections.keySet());
    }

    boolean has(String prefix) {
        return sections.keySet().stream().anyMatch(k -> k.startsWith(prefix));
    }
}
