package io.strata.packages.versions;

import io.strata.packages.Ecosystem;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each ecosystem's order against its own tool's answers: dpkg --compare-versions, rpm.vercmp, npm's node-semver,
 * Python's packaging, the tables of golang.org/x/mod/semver and apk-tools (versions/version-order.facts.txt,
 * written by make-version-facts.sh beside it).
 */
class VersionsTest {
    private record Fact(Ecosystem ecosystem, String a, String b, int order) {
    }

    private static List<Fact> facts() throws IOException {
        List<Fact> out = new ArrayList<>();
        try (InputStream in = VersionsTest.class.getResourceAsStream("/versions/version-order.facts.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\t");
                int order = switch (f[3]) {
                    case "<" -> -1;
                    case "=" -> 0;
                    case ">" -> 1;
                    default -> throw new AssertionError(line);
                };
                out.add(new Fact(Ecosystem.ofWire(f[0]).orElseThrow(), f[1], f[2], order));
            }
        }
        return out;
    }

    @Test
    void everyOrderAgreesWithItsEcosystemsTool() throws IOException {
        List<Fact> facts = facts();
        Map<Ecosystem, Integer> counted = new EnumMap<>(Ecosystem.class);
        List<String> wrong = new ArrayList<>();
        for (Fact f : facts) {
            counted.merge(f.ecosystem(), 1, Integer::sum);
            int got = Versions.compare(f.ecosystem(), f.a(), f.b());
            int reverse = Versions.compare(f.ecosystem(), f.b(), f.a());
            if (got != f.order() || reverse != -f.order()) {
                wrong.add(f.ecosystem().wire() + " " + f.a() + " vs " + f.b() + ": tool " + f.order() + ", Strata " + got
                        + " (reversed " + reverse + ")");
            }
        }
        assertEquals(List.of(), wrong);
        for (Ecosystem e : List.of(Ecosystem.DEB, Ecosystem.RPM, Ecosystem.APK, Ecosystem.NPM, Ecosystem.PYTHON,
                Ecosystem.GO)) {
            assertTrue(counted.getOrDefault(e, 0) > 200, e + ": " + counted.get(e) + " facts");
        }
    }

    @Test
    void mavenFollowsItsDocumentedQualifierOrder() {
        // Maven's POM reference, "Version Order Specification": alpha < beta < milestone < rc = cr < snapshot
        // < "" = final = ga < sp, and numbers compare as numbers
        List<String> ascending = List.of("1-alpha", "1-beta", "1-milestone", "1-rc", "1-snapshot", "1", "1-sp",
                "1.0.1", "1.2", "1.10", "2.0.16");
        for (int i = 0; i + 1 < ascending.size(); i++) {
            assertEquals(-1, Versions.compare(Ecosystem.JAVA, ascending.get(i), ascending.get(i + 1)),
                    ascending.get(i) + " < " + ascending.get(i + 1));
        }
        assertEquals(0, Versions.compare(Ecosystem.JAVA, "1-cr", "1-rc"));
        assertEquals(0, Versions.compare(Ecosystem.JAVA, "1.0-ga", "1"));
    }

    @Test
    void theOrderIsTotalEvenOnTextNoEcosystemCallsAVersion() {
        List<String> odd = List.of("", "(devel)", "none", "1..2", "~", "-", "::", "1:", ":1", "v", "+", "1.0-");
        for (Ecosystem e : Ecosystem.values()) {
            for (String a : odd) {
                for (String b : odd) {
                    assertEquals(-Versions.compare(e, b, a), Versions.compare(e, a, b), e + " " + a + " vs " + b);
                }
                assertEquals(0, Versions.compare(e, a, a));
            }
        }
    }
}
