package io.strata.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.session.ExitCodes;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static io.strata.cli.CliRun.strata;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * rpm weak dependencies in `strata packages`: recommendedBy holds the installed packages that Recommend a package,
 * and those it Supplements (dnf installs a supplementing package because that one is installed). Expected values:
 * rpm -qa's RECOMMENDNAME and SUPPLEMENTNAME on the image the real dnf installed (make-weakdeps-images.sh).
 */
class PackagesRpmWeakTest {
    private static final String ARCHIVE = "testdata/advice/weakdeps.oci-archive.tar";
    private static final PackageFacts FACTS = PackageFacts.read(ARCHIVE + ".packages.txt");

    @Test
    void recommendedByFollowsRecommendsAndSupplementsBackwards() {
        Map<String, Set<String>> expected = new TreeMap<>();
        Set<String> installed = new TreeSet<>();
        for (String line : FACTS.section("top: rpm --dbpath")) installed.add(line.split("\\|", -1)[0]);
        for (String line : FACTS.section("top: rpm --dbpath")) {
            String[] f = line.split("\\|", -1);
            expected.computeIfAbsent(f[0], k -> new TreeSet<>());
            for (String rec : f[2].split(",")) if (installed.contains(rec)) expected.computeIfAbsent(rec, k -> new TreeSet<>()).add(f[0]);
            for (String sup : f[3].split(",")) if (installed.contains(sup)) expected.computeIfAbsent(f[0], k -> new TreeSet<>()).add(sup);
        }
        CliRun r = strata("packages", ARCHIVE, "--format", "json", "--ecosystem", "rpm");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        Map<String, Set<String>> actual = new TreeMap<>();
        for (JsonNode p : r.json().path("packages")) {
            Set<String> by = new TreeSet<>();
            p.path("recommendedBy").forEach(n -> by.add(n.asText()));
            actual.put(p.path("name").asText(), by);
        }
        assertEquals(expected, actual);
        assertEquals(Set.of("strata-app"), actual.get("strata-langpack"));
    }

    /** auto: what dnf's history database says (reason 1 dependency, 4 weak dependency: pulled in; 2 user: not). */
    @Test
    void autoIsTheReasonDnfRecorded() {
        Map<String, Boolean> expected = new TreeMap<>();
        for (String line : FACTS.section("top: dnf history's reason")) {
            int reason = Integer.parseInt(line.split(" ")[1]);
            expected.put(line.split(" ")[0], reason == 1 || reason == 4);
        }
        assertEquals(Map.of("strata-app", false, "strata-langpack", true, "strata-lib", true, "strata-viewer", true,
                "strata-viewer-data", true), expected, "the facts as built");
        CliRun r = strata("packages", ARCHIVE, "--format", "json", "--ecosystem", "rpm");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertEquals(0, r.json().path("findings").size(), r.out());
        Map<String, Boolean> actual = new TreeMap<>();
        for (JsonNode p : r.json().path("packages")) actual.put(p.path("name").asText(), p.path("auto").asBoolean());
        assertEquals(expected, actual);
    }
}
