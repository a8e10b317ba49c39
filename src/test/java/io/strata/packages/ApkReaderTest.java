package io.strata.packages;

import io.strata.testing.LayerTar;
import io.strata.model.Finding;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** apk's installed database: trivy's fixture against trivy's own expected packages (provenance in testdata/README.md). */
class ApkReaderTest {
    private static final Path FIXTURES = Path.of("testdata/packages/apk-fixtures");

    @Test
    void trivysFixtureAsTrivyExpectsIt() throws Exception {
        byte[] db = Files.readAllBytes(FIXTURES.resolve("trivy.installed"));
        List<Finding> findings = new ArrayList<>();
        List<DeclaredPackage> found = new ApkReader().read(new CapturedFiles(Map.of(ApkReader.INSTALLED, db)), findings);
        TreeSet<String> expected = new TreeSet<>();
        Map<String, TreeSet<String>> files = new TreeMap<>();
        for (String line : Files.readAllLines(FIXTURES.resolve("trivy.installed.expected.txt"))) {
            if (line.startsWith("#") || line.isBlank()) continue;
            if (line.startsWith("file ")) {
                String[] f = line.split(" ");
                files.computeIfAbsent(f[1], k -> new TreeSet<>()).add(f[2]);
            } else {
                expected.add(line.strip());
            }
        }
        TreeSet<String> actual = new TreeSet<>();
        for (DeclaredPackage p : found) {
            actual.add((p.name() + " " + p.version() + " " + p.arch().orElse("") + " | " + p.source().orElse("") + " | "
                    + String.join(",", new TreeSet<>(p.depends()))).strip());
            if (files.containsKey(p.name())) assertEquals(files.get(p.name()), new TreeSet<>(p.files()), p.name());
        }
        assertEquals(expected, actual);
        // the fixture holds one entry without a version, which trivy skips too
        assertEquals(1, findings.size(), findings.toString());
        assertEquals(ApkReader.INSTALLED, findings.get(0).path().orElse(""));
    }

    @Test
    void inAnImageWithAlpinesOsRelease() throws Exception {
        byte[] db = Files.readAllBytes(FIXTURES.resolve("trivy.installed"));
        Inventory inv = PackageInventoryTest.inventory(LayerTar.create()
                .file("etc/os-release", "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.4.0\n")
                .file("lib/apk/db/installed", db, 0644, 0, 0).file("lib/libc.musl-x86_64.so.1", "musl"));
        InstalledPackage musl = inv.packages().stream().filter(p -> p.name().equals("musl")).findFirst().orElseThrow();
        assertEquals("pkg:apk/alpine/musl@1.1.14-r10?arch=x86_64&distro=alpine-3.4.0", musl.purl());
        assertEquals(List.of("/lib/libc.musl-x86_64.so.1"), musl.files());
        assertTrue(musl.requiredBy().contains("busybox"), musl.requiredBy().toString());
        assertEquals("apk/musl", inv.ownerOf("lib/libc.musl-x86_64.so.1").orElseThrow().label());
    }
}
