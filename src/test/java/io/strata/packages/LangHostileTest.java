package io.strata.packages;

import io.strata.model.Finding;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hostile manifests and artifacts: each is a finding naming the file, in bounded time and memory. */
class LangHostileTest {

    private static PackageFiles filesOf(Map<String, byte[]> map) {
        TreeMap<String, byte[]> sorted = new TreeMap<>(map);
        return new PackageFiles() {
            public List<String> paths() {
                return List.copyOf(sorted.keySet());
            }

            public Optional<byte[]> read(String p) {
                return Optional.ofNullable(sorted.get(p));
            }
        };
    }

    private static void assertOneFindingNaming(List<Finding> findings, String path, String code) {
        assertEquals(1, findings.size(), findings.toString());
        assertEquals(code, findings.get(0).code());
        assertTrue(findings.get(0).message().startsWith(path), findings.get(0).message());
    }

    @Test
    void packageJsonNested10000Deep() {
        String deep = "{\"name\":\"deep\",\"version\":\"1.0.0\",\"x\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        String path = "/app/node_modules/deep/package.json";
        List<Finding> findings = new ArrayList<>();
        List<DeclaredPackage> found = assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                new NpmReader().read(filesOf(Map.of(path, deep.getBytes(StandardCharsets.UTF_8),
                        "/app/node_modules/ok/package.json", "{\"name\":\"ok\",\"version\":\"2.0.0\",\"license\":{\"type\":\"ISC\"}}"
                                .getBytes(StandardCharsets.UTF_8))), findings));
        assertOneFindingNaming(findings, path, PythonReader.INVALID);
        assertTrue(findings.get(0).message().contains("nesting depth"), findings.get(0).message());
        assertEquals(1, found.size());
        assertEquals(List.of("ISC"), found.get(0).licenses());
    }

    @Test
    void brokenAndHugeJson() {
        String path = "/app/node_modules/broken/package.json";
        byte[] huge = ("{\"name\":\"big\",\"version\":\"1.0.0\",\"description\":\"" + "x".repeat(30_000_000) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        List<Finding> findings = new ArrayList<>();
        List<DeclaredPackage> found = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> new NpmReader().read(filesOf(Map.of(
                path, "{\"name\": \"broken\", \"version\": ".getBytes(StandardCharsets.UTF_8),
                "/app/node_modules/big/package.json", huge)), findings));
        // a string over Jackson's 20 MB default is refused as well: both files are findings naming them
        assertEquals(2, findings.size(), findings.toString());
        assertTrue(findings.stream().anyMatch(f -> f.message().startsWith(path)));
        assertTrue(findings.stream().anyMatch(f -> f.message().startsWith("/app/node_modules/big/package.json")));
        assertEquals(List.of(), found);
    }

    @Test
    void corruptMetadata() {
        String path = "/usr/lib/python3/dist-packages/bad-1.0.dist-info/METADATA";
        byte[] garbage = new byte[4096];
        new java.util.Random(7).nextBytes(garbage);
        List<Finding> findings = new ArrayList<>();
        List<DeclaredPackage> found = new PythonReader().read(filesOf(Map.of(path, garbage,
                "/usr/lib/python3/dist-packages/bad-1.0.dist-info/RECORD", garbage)), findings);
        assertEquals(List.of(), found);
        assertOneFindingNaming(findings, path, PythonReader.INVALID);
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static byte[] pom(String artifact) {
        return ("groupId=test\nartifactId=" + artifact + "\nversion=1.0\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void jarsNested20Deep() throws Exception {
        byte[] jar = zip(Map.of("META-INF/maven/test/level20/pom.properties", pom("level20")));
        for (int level = 19; level >= 0; level--) {
            jar = zip(new TreeMap<>(Map.of("META-INF/maven/test/level" + level + "/pom.properties", pom("level" + level),
                    "lib/inner.jar", jar)));
        }
        List<Finding> findings = new ArrayList<>();
        byte[] outer = jar;
        List<DeclaredPackage> found = assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                new JarInspector().inspect("/app/deep.jar", new ByteArrayInputStream(outer), findings));
        assertEquals(List.of("test:level0", "test:level1", "test:level2", "test:level3", "test:level4"),
                found.stream().map(DeclaredPackage::name).sorted().toList());
        assertOneFindingNaming(findings, "/app/deep.jar!/lib/inner.jar!/lib/inner.jar!/lib/inner.jar!/lib/inner.jar!/lib/inner.jar",
                JarInspector.TOO_DEEP);
        assertEquals("/app/deep.jar!/lib/inner.jar!/lib/inner.jar", found.stream()
                .filter(p -> p.name().equals("test:level2")).findFirst().orElseThrow().location());
    }

    /** A jar holding a jar whose one entry inflates 256 MiB of zeros from about 250 KB. */
    private static byte[] bombJar() throws IOException {
        ByteArrayOutputStream inner = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(inner)) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            zip.putNextEntry(new ZipEntry("zeros.bin"));
            byte[] mb = new byte[1 << 20];
            for (int i = 0; i < 256; i++) zip.write(mb);
            zip.closeEntry();
        }
        return zip(new TreeMap<>(Map.of("META-INF/maven/test/app/pom.properties", pom("app"),
                "BOOT-INF/lib/bomb.jar", inner.toByteArray())));
    }

    @Test
    void zipBombInsideAJar() throws Exception {
        byte[] jar = bombJar();
        List<Finding> findings = new ArrayList<>();
        JarInspector inspector = new JarInspector(new JarInspector.Limits(4, 100_000, 16L << 20, 20));
        List<DeclaredPackage> found = assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                inspector.inspect("/app/bomb.jar", new ByteArrayInputStream(jar), findings));
        assertOneFindingNaming(findings, "/app/bomb.jar!/BOOT-INF/lib/bomb.jar", JarInspector.BOMB);
        assertTrue(jar.length < 2_000_000, "stored " + jar.length);
        assertEquals(List.of(), found, "reading stopped at the bomb");
    }

    @Test
    void notAZip() {
        List<Finding> findings = new ArrayList<>();
        List<DeclaredPackage> found = new JarInspector().inspect("/app/fake.jar",
                new ByteArrayInputStream("this is not a zip archive at all".getBytes(StandardCharsets.UTF_8)), findings);
        assertEquals(List.of(), found);
        assertTrue(findings.size() <= 1, findings.toString());
    }

    private static byte[] elfWithBuildInfo(int claimedLength, int present) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{0x7f, 'E', 'L', 'F'});
        out.writeBytes(new byte[1000 - 4]);
        out.writeBytes(new byte[]{4, 0, 0, 0, 32, 0, 0, 0, 4, 0, 0, 0, 'G', 'o', 0, 0}); // Go's build-id note
        out.writeBytes(new byte[4096 - 1016]);
        out.writeBytes("\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1));
        out.write(8);   // pointer size
        out.write(2);   // flags: inline strings
        out.writeBytes(new byte[16]);
        out.write(6);
        out.writeBytes("go1.22".getBytes(StandardCharsets.ISO_8859_1));
        long n = claimedLength;
        while (n >= 0x80) {
            out.write((int) (n & 0x7f) | 0x80);
            n >>>= 7;
        }
        out.write((int) n);
        out.writeBytes(new byte[present]);
        return out.toByteArray();
    }

    @Test
    void truncatedElf() throws Exception {
        List<Finding> findings = new ArrayList<>();
        List<DeclaredPackage> found = new GoBinaryInspector().inspect("/usr/bin/cut",
                new ByteArrayInputStream(elfWithBuildInfo(5000, 100)), findings);
        assertEquals(List.of(), found);
        assertOneFindingNaming(findings, "/usr/bin/cut", GoBinaryInspector.UNREADABLE);
    }

    @Test
    void buildInfoClaimingAHugeStringIsRefusedBeforeReading() throws Exception {
        List<Finding> findings = new ArrayList<>();
        InputStream endless = new InputStream() { // would never end: the claim must be refused, not followed
            final InputStream head = new ByteArrayInputStream(elfWithBuildInfo(Integer.MAX_VALUE, 0));

            public int read() throws IOException {
                int b = head.read();
                return b >= 0 ? b : 0;
            }
        };
        List<DeclaredPackage> found = assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                new GoBinaryInspector().inspect("/usr/bin/huge", endless, findings));
        assertEquals(List.of(), found);
        assertOneFindingNaming(findings, "/usr/bin/huge", GoBinaryInspector.UNREADABLE);
    }

    @Test
    void elfWithoutGoNoteIsNotSearched() throws Exception {
        byte[] elf = new byte[1 << 20];
        elf[0] = 0x7f;
        elf[1] = 'E';
        elf[2] = 'L';
        elf[3] = 'F';
        ByteArrayInputStream in = new ByteArrayInputStream(elf);
        assertEquals(List.of(), new GoBinaryInspector().inspect("/usr/bin/c-program", in, new ArrayList<>()));
        assertEquals((1 << 20) - 16 * 1024, in.available(), "only the first 16 KiB are read");
    }

    @Test
    void notElfCostsFourBytes() throws Exception {
        int[] read = {0};
        InputStream script = new InputStream() {
            final byte[] b = "#!/bin/sh\necho hi\n".repeat(1000).getBytes(StandardCharsets.US_ASCII);

            public int read() {
                return read[0] < b.length ? b[read[0]++] : -1;
            }
        };
        assertEquals(List.of(), new GoBinaryInspector().inspect("/usr/bin/script", script, new ArrayList<>()));
        assertEquals(4, read[0]);
    }
}
