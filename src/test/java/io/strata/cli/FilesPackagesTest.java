package io.strata.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.session.ExitCodes;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static io.strata.cli.CliRun.strata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `files` names each path's package; the expected owners are dpkg-query -L's (directories left out). */
class FilesPackagesTest {
    private static final String ARCHIVE = PackagesDpkgTest.ARCHIVE;
    private static final PackageFacts FACTS = PackageFacts.read(ARCHIVE + ".packages.txt");

    private static Map<String, String> owners() {
        Map<String, String> out = new TreeMap<>();
        for (String line : FACTS.section("top: dpkg-query -L")) {
            String[] f = line.split(" ");
            out.put(f[1], "deb/" + f[0]);
        }
        return out;
    }

    @Test
    void everyFileNamesItsPackage() {
        CliRun r = strata("files", ARCHIVE, "--format", "json");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        Map<String, String> expected = owners();
        Map<String, String> actual = new TreeMap<>();
        for (JsonNode f : r.json().path("files")) {
            assertTrue(f.has("package"), f.toString());
            if (!f.path("package").isNull()) actual.put(f.path("path").asText(), f.path("package").asText());
        }
        assertEquals(expected, actual);
        assertTrue(r.json().path("files").findValues("path").stream().anyMatch(p -> p.asText().equals("/opt/app/own.txt")));
    }

    @Test
    void ownersGainPerPackageTotalsAndTheUnpackagedBytes() {
        CliRun r = strata("files", ARCHIVE, "--format", "json");
        Map<String, JsonNode> byPath = new HashMap<>();
        for (JsonNode f : r.json().path("files")) byPath.put(f.path("path").asText(), f);
        // per package: dpkg-query's files, and the bytes of those that are regular files, a dpkg-listed inode once
        Map<String, Long> bytes = new HashMap<>();
        Map<String, Integer> files = new HashMap<>();
        Set<String> inodes = new HashSet<>();
        for (String line : FACTS.section("top: dpkg-query -L")) {
            String[] f = line.split(" ");
            files.merge("deb/" + f[0], 1, Integer::sum);
            String type = byPath.get(f[1]).path("type").asText();
            boolean regular = type.equals("file") || type.equals("hardlink");
            if (regular && inodes.add(f[3])) bytes.merge("deb/" + f[0], Long.parseLong(f[2]), Long::sum);
        }
        long unpackaged = 0;
        for (JsonNode f : r.json().path("files")) {
            if (f.path("package").isNull() && f.path("type").asText().equals("file")) unpackaged += f.path("size").asLong();
        }
        for (JsonNode p : r.json().path("packages")) {
            String name = p.path("package").asText();
            assertEquals(files.get(name), p.path("files").asInt(), name);
            assertEquals(bytes.getOrDefault(name, 0L), p.path("bytes").asLong(), name);
        }
        assertEquals(files.size(), r.json().path("packages").size());
        assertEquals(unpackaged, r.json().path("unpackagedBytes").asLong());
        assertTrue(unpackaged > 0, "the image holds files no package owns (busybox, /opt/app/own.txt)");
        CliRun text = strata("files", ARCHIVE, "--owners");
        assertEquals(ExitCodes.OK, text.code(), text.err());
        assertTrue(text.out().contains("PACKAGE") && text.out().contains("(no package)"), text.out());
    }

    @Test
    void packageFilterListsOnlyItsFiles() {
        CliRun r = strata("files", ARCHIVE, "--package", "zlib1g", "--format", "json");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        Set<String> expected = new TreeSet<>();
        owners().forEach((path, pkg) -> {
            if (pkg.equals("deb/zlib1g")) expected.add(path);
        });
        Set<String> actual = new TreeSet<>();
        r.json().path("files").forEach(f -> actual.add(f.path("path").asText()));
        assertEquals(expected, actual);
        CliRun text = strata("files", ARCHIVE, "--package", "deb/zlib1g");
        assertEquals(ExitCodes.OK, text.code(), text.err());
        assertTrue(text.out().lines().skip(1).allMatch(l -> l.contains(" deb/zlib1g ")), text.out());
        assertEquals(ExitCodes.BAD_INPUT, strata("files", ARCHIVE, "--package", "no-such-package").code());
    }
}
