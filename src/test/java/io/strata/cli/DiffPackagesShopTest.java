package io.strata.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static io.strata.cli.CliRun.strata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * diff's packages section on the podman-built bad/good pair equals the difference of the two inventories as the
 * ecosystems' own tools list them: {@code dpkg-query --admindir} over each side's unpacked dpkg database and
 * {@code npm ls --all} over each side's /app (the facts file), not Strata's own package listing. The bytes each
 * removed package moved are the bytes python measured over its files on umoci's unpack.
 */
class DiffPackagesShopTest {
    private static final String PAIR = "testdata/advice/shop.podman-docker-archive.tar.zst";
    private static final String BAD = PAIR + "#localhost/strata-advice-shop:bad";
    private static final String GOOD = PAIR + "#localhost/strata-advice-shop:good";

    /** The lines of the "### PREFIX..." section of one image's part of the facts, up to the next blank line. */
    private static List<String> section(String image, String prefix) throws Exception {
        String text = Files.readString(Path.of(PAIR + ".facts.txt"));
        int start = text.indexOf("\n## " + image + "\n");
        int end = text.indexOf("\n## ", start + 1);
        String part = text.substring(start, end < 0 ? text.length() : end);
        int at = part.indexOf("\n### " + prefix);
        assertTrue(at >= 0, prefix + " in the " + image + " facts");
        List<String> out = new ArrayList<>();
        String[] lines = part.substring(at + 1).split("\n");
        for (int i = 1; i < lines.length && !lines[i].isBlank(); i++) out.add(lines[i].trim());
        return out;
    }

    /** dpkg-query's "Package Version Installed-Size" lines: name to version. */
    private static Map<String, String> dpkg(String image) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (String line : section(image, "dpkg-query")) out.put(line.split(" ")[0], line.split(" ")[1]);
        return out;
    }

    /** npm ls's "name version [dev]" lines as "name@version" (one per installed copy); "None" is not installed. */
    private static List<String> npm(String image) throws Exception {
        List<String> out = new ArrayList<>();
        for (String line : section(image, "npm ls")) {
            String[] f = line.split(" ");
            if (!f[1].equals("None")) out.add(f[0] + "@" + f[1]);
        }
        return out;
    }

    /** "deb+symlinks NAME FILES BYTES" / "npm+symlinks ..." lines of the bad image: a package's visible bytes. */
    private static long factBytes(String ecosystem, String name) throws Exception {
        for (String line : section("bad", "regular files and symlinks per package")) {
            String[] f = line.split(" ");
            if (f[0].equals(ecosystem + "+symlinks") && f[1].equals(name)) return Long.parseLong(f[3]);
        }
        throw new AssertionError(ecosystem + " " + name + " not in the facts");
    }

    @Test
    void packagesSectionIsTheDifferenceOfTheToolsInventories() throws Exception {
        CliRun run = strata("diff", BAD, GOOD, "--only", "packages", "--format", "json");
        assertEquals(1, run.code(), run.err());
        JsonNode doc = run.json();

        // expected, from dpkg-query: every name whose version differs or that one side lacks
        Map<String, String> debA = dpkg("bad");
        Map<String, String> debB = dpkg("good");
        TreeSet<String> expectedDeb = new TreeSet<>();
        TreeSet<String> names = new TreeSet<>(debA.keySet());
        names.addAll(debB.keySet());
        for (String n : names) {
            String a = debA.getOrDefault(n, "-");
            String b = debB.getOrDefault(n, "-");
            if (!a.equals(b)) expectedDeb.add(n + " " + a + " " + b);
        }
        // expected, from npm ls: the copies (name@version) only one side has
        List<String> onlyA = new ArrayList<>(npm("bad"));
        List<String> onlyB = new ArrayList<>(npm("good"));
        List<String> both = new ArrayList<>(onlyA);
        both.retainAll(onlyB);
        for (String x : both) {
            onlyA.remove(x);
            onlyB.remove(x);
        }

        TreeSet<String> gotDeb = new TreeSet<>();
        List<String> gotNpmA = new ArrayList<>();
        List<String> gotNpmB = new ArrayList<>();
        for (JsonNode p : doc.path("packages")) {
            String before = p.path("before").path("version").asText("-");
            String after = p.path("after").path("version").asText("-");
            String name = p.path("name").asText();
            switch (p.path("ecosystem").asText()) {
                case "deb" -> {
                    if (!before.equals(after)) gotDeb.add(name + " " + before + " " + after);
                    else assertEquals("changed", p.path("change").asText(), p.toString());
                }
                case "npm" -> {
                    if (before.equals(after)) {
                        assertEquals("changed", p.path("change").asText(), p.toString());
                        continue;
                    }
                    if (!before.equals("-")) gotNpmA.add(name + "@" + before);
                    if (!after.equals("-")) gotNpmB.add(name + "@" + after);
                }
                default -> throw new AssertionError("no other ecosystem in the pair: " + p);
            }
        }
        assertEquals(expectedDeb, gotDeb);
        assertEquals(new TreeSet<>(onlyA), new TreeSet<>(gotNpmA));
        assertEquals(new TreeSet<>(onlyB), new TreeSet<>(gotNpmB));
        // the pair is what the issue describes: the Recommends of procps and the devDependency prettier went
        assertEquals(setOf("libgpm2 1.20.7-10+b1 -", "psmisc 23.6-1 -"), expectedDeb);
        assertEquals(List.of("prettier@3.3.3"), onlyA);

        // the bytes each removal moved: the package's visible files as python measured them on the unpacked rootfs
        long sum = 0;
        for (JsonNode p : doc.path("packages")) {
            String eco = p.path("ecosystem").asText();
            String name = p.path("name").asText();
            assertEquals("removed", p.path("change").asText(), p.toString());
            assertEquals(-factBytes(eco, name), p.path("bytesDelta").asLong(), eco + "/" + name);
            sum += p.path("bytesDelta").asLong();
        }
        JsonNode summary = doc.path("summary");
        assertEquals(3, summary.path("packagesRemoved").asInt());
        assertEquals(0, summary.path("packagesAdded").asInt() + summary.path("packagesUpgraded").asInt()
                + summary.path("packagesDowngraded").asInt() + summary.path("packagesChanged").asInt());
        assertEquals(sum, summary.path("packagesBytesDelta").asLong());
        Map<String, Integer> removedPerEcosystem = new TreeMap<>();
        for (JsonNode t : doc.path("packageTotals")) removedPerEcosystem.put(t.path("ecosystem").asText(), t.path("removed").asInt());
        assertEquals(Map.of("deb", 2, "npm", 1), removedPerEcosystem);
    }

    @Test
    void theTextSummaryCountsThePackagesAndTheSectionListsThem() {
        CliRun run = strata("diff", BAD, GOOD, "--only", "packages,files");
        assertEquals(1, run.code(), run.err());
        String first = run.out().split("\n")[0];
        assertTrue(first.contains("packages: 0 added, 3 removed, 0 upgraded, 0 downgraded, 0 changed (-7.9MB)"), first);
        assertTrue(run.out().contains("PACKAGES (deb: 2 removed, -192kB; npm: 1 removed, -7.7MB)"), run.out());
        assertTrue(run.out().matches("(?s).*\\nnpm +removed +prettier +3\\.3\\.3 +- +53 +-7\\.7MB +/app/node_modules/prettier/package\\.json\\n.*"),
                run.out());
    }

    private static TreeSet<String> setOf(String... values) {
        return new TreeSet<>(List.of(values));
    }
}
