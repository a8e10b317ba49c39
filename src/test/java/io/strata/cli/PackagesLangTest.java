package io.strata.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.testing.Facts;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `strata packages` on the language image: the layer each ecosystem was installed in, and the files npm packages
 * own (their folder, a nested package's folder excepted) against the layer's tar listing in the facts.
 */
class PackagesLangTest {
    static final String IMAGE = SbomCommandTest.IMAGE;

    private static JsonNode packages() {
        CliRun run = CliRun.strata("packages", IMAGE, "--format", "json", "--files");
        assertEquals(0, run.code(), run.err());
        return run.json().path("packages");
    }

    /** Regular files of the tar listing of layer {@code layer} (GNU tar -tvv), as absolute paths. */
    private static Set<String> listedFiles(int layer) {
        Set<String> out = new TreeSet<>();
        for (Facts.Layer l : Facts.read(Facts.of(Path.of(IMAGE))).layers()) {
            if (l.layer() != layer) continue;
            for (Facts.Entry e : l.listing()) if (e.type() == '-') out.add("/" + e.path().replaceFirst("^\\./", ""));
        }
        return out;
    }

    @Test
    void npmPackagesOwnTheirFolderAndNestedOnesTheirOwn() {
        Set<String> layer1 = listedFiles(1);
        for (JsonNode p : packages()) {
            if (!p.path("ecosystem").asText().equals("npm")) continue;
            String location = p.path("location").asText();
            String folder = location.substring(0, location.length() - "package.json".length());
            Set<String> expected = new TreeSet<>();
            for (String f : layer1) {
                if (!f.startsWith(folder)) continue;
                String rest = f.substring(folder.length());
                if (!rest.startsWith("node_modules/")) expected.add(f); // below it: a nested package's files
            }
            Set<String> actual = new TreeSet<>();
            p.path("paths").forEach(f -> actual.add(f.asText()));
            assertEquals(expected, actual, location);
            assertEquals(1, p.path("layer").path("index").asInt(), location);
        }
    }

    @Test
    void eachEcosystemComesFromItsLayer() {
        List<String> ecosystems = List.of("python", "npm", "java", "go");
        int seen = 0;
        for (JsonNode p : packages()) {
            int expected = ecosystems.indexOf(p.path("ecosystem").asText());
            assertEquals(expected, p.path("layer").path("index").asInt(), p.toString());
            seen++;
        }
        assertEquals(27, seen);
        JsonNode app = null;
        for (JsonNode p : packages()) if (p.path("name").asText().equals("example.com/lang-hello")) app = p;
        assertTrue(app != null && app.path("paths").toString().equals("[\"/usr/local/bin/lang-hello\"]"), String.valueOf(app));
    }
}
