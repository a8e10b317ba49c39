package io.strata.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.testing.ImageBuilder;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static io.strata.cli.CliRun.strata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Upgrades, downgrades and same-version changes in diff's packages section. On the webapp v1/v2 pair the expected
 * versions are read from the archives' bytes in the test (the dpkg status file through {@code dpkg-query
 * --admindir}, the jar's pom.properties through java.util.zip) and the direction from {@code dpkg --compare-versions}.
 */
class DiffPackagesVersionsTest {
    private static final Path V1 = DiffFacts.DATA.resolve("versions/webapp-v1.docker-save.tar");
    private static final Path V2 = DiffFacts.DATA.resolve("versions/webapp-v2.docker-save.tar");

    @TempDir
    Path dir;

    /** The files of a docker-save archive's merged view that {@code want} names, last layer winning (no whiteouts here). */
    private static Map<String, byte[]> files(Path archive, java.util.function.Predicate<String> want) throws IOException {
        Map<String, byte[]> outer = new HashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(archive))) {
            for (TarArchiveEntry e; (e = tar.getNextTarEntry()) != null; ) {
                if (e.isFile()) outer.put(e.getName(), tar.readAllBytes());
            }
        }
        JsonNode manifest = new ObjectMapper().readTree(outer.get("manifest.json"));
        Map<String, byte[]> out = new TreeMap<>();
        for (JsonNode layer : manifest.get(0).get("Layers")) {
            try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(outer.get(layer.asText())))) {
                for (TarArchiveEntry e; (e = tar.getNextTarEntry()) != null; ) {
                    String name = e.getName().replaceFirst("^\\./", "");
                    if (e.isFile() && want.test(name)) out.put(name, tar.readAllBytes());
                }
            }
        }
        return out;
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return p.exitValue() + ":" + out;
    }

    private static boolean dpkgInstalled() {
        try {
            return run("dpkg", "--version").startsWith("0:");
        } catch (Exception e) {
            return false;
        }
    }

    /** dpkg-query's view of the archive's status file: package to version. */
    private Map<String, String> dpkgQuery(Path archive, String side) throws Exception {
        Path admin = Files.createDirectories(dir.resolve(side));
        Files.write(admin.resolve("status"), files(archive, "var/lib/dpkg/status"::equals).get("var/lib/dpkg/status"));
        Files.createDirectories(admin.resolve("info"));
        String out = run("dpkg-query", "--admindir=" + admin, "-W", "-f", "${Package} ${Version}\\n");
        assertTrue(out.startsWith("0:"), out);
        Map<String, String> versions = new TreeMap<>();
        for (String line : out.substring(2).split("\n")) if (!line.isBlank()) versions.put(line.split(" ")[0], line.split(" ")[1]);
        return versions;
    }

    /** groupId:artifactId to version from the pom.properties of every jar of the archive. */
    private static Map<String, String> jars(Path archive) throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (byte[] jar : files(archive, n -> n.endsWith(".jar")).values()) {
            try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(jar))) {
                for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                    if (!e.getName().endsWith("/pom.properties")) continue;
                    Properties p = new Properties();
                    p.load((InputStream) zip);
                    out.put(p.getProperty("groupId") + ":" + p.getProperty("artifactId"), p.getProperty("version"));
                }
            }
        }
        return out;
    }

    @Test
    void webappUpgradesOneWayAndDowngradesTheOther() throws Exception {
        assumeTrue(dpkgInstalled(), "dpkg is not installed");
        Map<String, String> debA = dpkgQuery(V1, "v1");
        Map<String, String> debB = dpkgQuery(V2, "v2");
        Map<String, String> javaA = jars(V1);
        Map<String, String> javaB = jars(V2);
        Map<String, String> expected = new TreeMap<>();
        for (String name : debA.keySet()) {
            String a = debA.get(name);
            String b = debB.get(name);
            if (b == null || a.equals(b)) continue;
            String order = run("dpkg", "--compare-versions", a, "lt", b).startsWith("0:") ? "upgraded" : "downgraded";
            expected.put("deb/" + name, order + " " + a + " " + b);
        }
        for (String name : javaA.keySet()) {
            if (!javaA.get(name).equals(javaB.get(name))) expected.put("java/" + name, javaA.get(name) + " " + javaB.get(name));
        }
        assertEquals(2, expected.size(), expected.toString());

        Map<String, String> forward = new TreeMap<>();
        Map<String, String> backward = new TreeMap<>();
        for (JsonNode p : strata("diff", V1.toString(), V2.toString(), "--only", "packages", "--format", "json").json().path("packages")) {
            forward.put(p.path("ecosystem").asText() + "/" + p.path("name").asText(), p.path("change").asText() + " "
                    + p.path("before").path("version").asText() + " " + p.path("after").path("version").asText());
        }
        for (JsonNode p : strata("diff", V2.toString(), V1.toString(), "--only", "packages", "--format", "json").json().path("packages")) {
            backward.put(p.path("ecosystem").asText() + "/" + p.path("name").asText(), p.path("change").asText());
        }
        String deb = expected.keySet().stream().filter(k -> k.startsWith("deb/")).findFirst().orElseThrow();
        assertEquals(expected.get(deb), forward.get(deb));
        String jar = expected.keySet().stream().filter(k -> k.startsWith("java/")).findFirst().orElseThrow();
        // Maven's own order: 1.4.2 < 1.4.3, and the jar renamed with its version is still one package
        assertEquals("upgraded " + expected.get(jar), forward.get(jar));
        assertEquals(expected.keySet(), forward.keySet());
        assertEquals(Map.of(deb, "downgraded", jar, "downgraded"), backward);
    }

    /** A dpkg database listing package tool 1.0 (and its file list) plus the tool's binary. */
    private static ImageBuilder.Layer dpkgLayer(ImageBuilder b, String binary) {
        String status = "Package: tool\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1.0-1\n"
                + "Description: a tool\n\nPackage: other\nStatus: install ok installed\nArchitecture: amd64\n"
                + "Version: 2.0-1\nDescription: another\n";
        return b.layer("/bin/sh -c dpkg -i tool.deb").file("var/lib/dpkg/status", status)
                .file("var/lib/dpkg/info/tool.list", "/usr\n/usr/bin\n/usr/bin/tool\n")
                .file("var/lib/dpkg/info/other.list", "/usr/share/other.txt\n")
                .file("usr/bin/tool", binary).file("usr/share/other.txt", "same\n");
    }

    @Test
    void sameVersionWithOtherContentIsChangedWithThePathsAndBytes() throws Exception {
        ImageBuilder a = new ImageBuilder();
        dpkgLayer(a, "#!/bin/sh\necho one\n").done();
        ImageBuilder b = new ImageBuilder();
        dpkgLayer(b, "#!/bin/sh\necho one, two and three\n").done();
        Path pa = a.write(dir, "a.tar");
        Path pb = b.write(dir, "b.tar");
        CliRun run = strata("diff", pa.toString(), pb.toString(), "--only", "packages", "--format", "json");
        assertEquals(1, run.code(), run.err());
        List<JsonNode> changes = new java.util.ArrayList<>();
        run.json().path("packages").forEach(changes::add);
        assertEquals(1, changes.size(), changes.toString());
        JsonNode c = changes.get(0);
        assertEquals("tool", c.path("name").asText());
        assertEquals("changed", c.path("change").asText());
        assertEquals("1.0-1", c.path("before").path("version").asText());
        assertEquals("1.0-1", c.path("after").path("version").asText());
        assertEquals(1, c.path("pathsChanged").asInt());
        assertEquals("#!/bin/sh\necho one, two and three\n".length() - "#!/bin/sh\necho one\n".length(),
                c.path("bytesDelta").asLong());
        // the same image on both sides: no package differs, exit 0
        assertEquals(0, strata("diff", pa.toString(), pa.toString(), "--only", "packages").code());
    }
}
