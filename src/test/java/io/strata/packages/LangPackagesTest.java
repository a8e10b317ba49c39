package io.strata.packages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The language ecosystems on a real image (testdata/packages/lang-packages.docker-save.tar): what the readers and
 * inspectors find against what pip list, npm ls, go version -m, jar tf and mvn dependency:list say (the facts file).
 */
class LangPackagesTest {
    static final Path ARCHIVE = Path.of("testdata/packages/lang-packages.docker-save.tar");
    static final Path FACTS = Path.of("testdata/packages/lang-packages.docker-save.tar.facts.txt");
    private static LayerFiles files;
    private static List<DeclaredPackage> found;
    private static List<String> facts;

    @BeforeAll
    static void read() throws Exception {
        files = LayerFiles.of(ARCHIVE.toString(), List.of(new PythonReader(), new NpmReader()),
                List.of(new JarInspector(), new GoBinaryInspector()));
        found = new ArrayList<>(files.inspected);
        found.addAll(new PythonReader().read(files, files.findings));
        found.addAll(new NpmReader().read(files, files.findings));
        facts = Files.readAllLines(FACTS);
    }

    /** The lines after the command line that starts with {@code prefix}, up to the next command. */
    private static List<String> output(String prefix) {
        List<String> out = new ArrayList<>();
        boolean in = false;
        for (String line : facts) {
            if (line.startsWith("$ ")) in = line.startsWith(prefix);
            else if (in) out.add(line);
        }
        assertTrue(!out.isEmpty(), "no output for " + prefix);
        return out;
    }

    private static Set<String> foundOf(Ecosystem e) {
        return found.stream().filter(p -> p.ecosystem() == e).map(p -> p.name() + "@" + p.version())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static void assertRecallAndPrecision(String what, Set<String> expected, Set<String> actual) {
        Set<String> hit = new HashSet<>(expected);
        hit.retainAll(actual);
        double recall = (double) hit.size() / expected.size();
        double precision = actual.isEmpty() ? 0 : (double) hit.size() / actual.size();
        System.out.printf("packages %s: %d expected, %d found, recall %.1f %%, precision %.1f %%%n",
                what, expected.size(), actual.size(), 100 * recall, 100 * precision);
        assertTrue(recall >= 0.95 && precision >= 0.95, what + ": expected " + expected + ", found " + actual);
        assertEquals(expected, actual, what + ": the readers miss or add packages");
    }

    @Test
    void pythonEqualsPipList() throws Exception {
        Set<String> expected = new TreeSet<>();
        for (String cmd : List.of("$ python3 -m pip list --path rootfs/usr", "$ python3 -m pip list --path rootfs/opt/venv")) {
            for (JsonNode p : new ObjectMapper().readTree(String.join("\n", output(cmd))))
                expected.add(p.get("name").asText() + "@" + p.get("version").asText());
        }
        assertRecallAndPrecision("python", expected, foundOf(Ecosystem.PYTHON));
    }

    @Test
    void pythonFilesComeFromRecordAndLicencesFromMetadata() {
        DeclaredPackage demo = found.stream().filter(p -> p.name().equals("lang-demo")).findFirst().orElseThrow();
        assertEquals("/opt/venv/lib/python3.11/site-packages/lang_demo-0.3.1.dist-info/METADATA", demo.location());
        assertTrue(demo.files().contains("/opt/venv/lib/python3.11/site-packages/lang_demo/__init__.py"), demo.files().toString());
        assertEquals(List.of("Apache-2.0"), demo.licenses());
        assertEquals(List.of("six"), demo.depends()); // the dev extra's attrs is not a runtime requirement
        DeclaredPackage six = found.stream().filter(p -> p.name().equals("six")).findFirst().orElseThrow();
        assertEquals("/usr/lib/python3/dist-packages/six-1.16.0.egg-info/PKG-INFO", six.location());
        assertEquals(List.of("MIT"), six.licenses());
    }

    @Test
    void npmEqualsNpmLsWithDevFlags() throws Exception {
        Set<String> expected = new TreeSet<>();
        Set<String> expectedDev = new TreeSet<>();
        for (String app : List.of("app", "srv/legacy")) {
            Set<String> all = new TreeSet<>();
            Set<String> prod = new TreeSet<>();
            walk(new ObjectMapper().readTree(String.join("\n", output("$ (cd rootfs/" + app + " && npm ls --all --json)"))), all);
            walk(new ObjectMapper().readTree(String.join("\n", output("$ (cd rootfs/" + app + " && npm ls --all --json --omit=dev)"))), prod);
            for (String p : all) expected.add("/" + app + " " + p);
            for (String p : all) if (!prod.contains(p)) expectedDev.add("/" + app + " " + p);
        }
        List<DeclaredPackage> npm = found.stream().filter(p -> p.ecosystem() == Ecosystem.NPM).toList();
        Set<String> actual = npm.stream().map(p -> p.location().substring(0, p.location().indexOf("/node_modules/"))
                + " " + p.name() + "@" + p.version()).collect(Collectors.toCollection(TreeSet::new));
        assertRecallAndPrecision("npm", expected, actual);
        Set<String> actualDev = npm.stream().filter(DeclaredPackage::dev)
                .map(p -> p.location().substring(0, p.location().indexOf("/node_modules/")) + " " + p.name() + "@" + p.version())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expectedDev, actualDev, "dev flags from lockfile v3 (/app) and v1 (/srv/legacy)");
        DeclaredPackage nested = npm.stream().filter(p -> p.location().equals("/app/node_modules/debug/node_modules/ms/package.json"))
                .findFirst().orElseThrow();
        assertEquals("2.0.0", nested.version());
        assertEquals(List.of("/app/node_modules/debug/node_modules/ms/"), nested.ownedPrefixes());
        assertEquals(List.of("MIT"), nested.licenses());
    }

    private static void walk(JsonNode node, Set<String> out) {
        JsonNode deps = node.get("dependencies");
        if (deps == null) return;
        for (Iterator<Map.Entry<String, JsonNode>> it = deps.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.add(e.getKey() + "@" + e.getValue().get("version").asText());
            walk(e.getValue(), out);
        }
    }

    @Test
    void goEqualsGoVersionM() {
        Set<String> expected = new TreeSet<>();
        for (String line : output("$ go version -m")) {
            String[] f = line.strip().split("\t");
            if (f[0].equals("mod") || f[0].equals("dep")) expected.add(f[1] + "@" + f[2]);
        }
        assertRecallAndPrecision("go", expected, foundOf(Ecosystem.GO));
        assertTrue(found.stream().filter(p -> p.ecosystem() == Ecosystem.GO)
                .allMatch(p -> p.location().equals("/usr/local/bin/lang-hello")));
    }

    @Test
    void javaEqualsDependencyListAndTheJarListing() {
        // (artifactId@version): mvn dependency:list, the app's own pom.properties, and any other jar jar tf lists
        Set<String> expected = new TreeSet<>();
        Pattern dep = Pattern.compile("\\s+([^:]+):([^:]+):jar:([^:]+):\\w+");
        for (String line : output("$ mvn dependency:list")) {
            Matcher m = dep.matcher(line);
            if (m.matches()) expected.add(m.group(2) + "@" + m.group(3));
        }
        List<String> app = output("$ unzip -p rootfs/app/app.jar");
        expected.add(value(app, "artifactId=") + "@" + value(app, "version="));
        String currentJar = null;
        for (String line : output("$ unzip -p rootfs/app/app.jar")) {
            if (line.startsWith("jar: BOOT-INF/lib/")) currentJar = line.substring("jar: BOOT-INF/lib/".length());
            else if (currentJar != null && line.startsWith("Implementation-Version: ")) {
                String version = line.substring("Implementation-Version: ".length());
                String artifact = currentJar.substring(0, currentJar.length() - ("-" + version + ".jar").length());
                expected.add(artifact + "@" + version);
            }
        }
        Set<String> actual = found.stream().filter(p -> p.ecosystem() == Ecosystem.JAVA)
                .map(p -> p.name().substring(p.name().indexOf(':') + 1) + "@" + p.version())
                .collect(Collectors.toCollection(TreeSet::new));
        assertRecallAndPrecision("java", expected, actual);
        assertTrue(found.stream().anyMatch(p -> p.name().equals("org.slf4j:slf4j-api")
                && p.location().equals("/app/app.jar!/BOOT-INF/lib/slf4j-api-2.0.16.jar")));
        assertTrue(found.stream().anyMatch(p -> p.name().equals("org.jspecify:jspecify")
                && p.licenses().equals(List.of("https://www.apache.org/licenses/LICENSE-2.0"))));
    }

    private static String value(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow().substring(prefix.length());
    }

    @Test
    void noFindingsOnAWellFormedImage() {
        assertEquals(List.of(), files.findings);
    }
}
