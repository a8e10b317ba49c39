package io.strata.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.session.ExitCodes;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static io.strata.cli.CliRun.strata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Distroless' dpkg layout (no status file: one stanza per package in status.d/NAME, its files in NAME.md5sums), on an
 * image holding trivy's status.d fixture byte for byte; the expected values are the stanzas' own fields and the
 * md5sums' paths with their sizes, as the build script read them from the rootfs with grep and stat.
 */
class PackagesDistrolessTest {
    static final String ARCHIVE = "testdata/packages/distroless-status-d.oci-archive.tar";
    private static final PackageFacts FACTS = PackageFacts.read(ARCHIVE + ".packages.txt");

    @Test
    void everyStanzaIsAPackageWithTheFilesItsMd5sumsList() {
        CliRun r = strata("packages", "--format", "json", "--files", ARCHIVE);
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertEquals(0, r.json().path("findings").size(), r.out());
        List<String> expected = FACTS.section("stanzas").stream().map(String::strip).sorted().toList();
        List<String> owned = FACTS.section("md5sums");
        assertTrue(expected.size() >= 3 && !owned.isEmpty(), FACTS.toString());

        List<String> actual = new ArrayList<>();
        TreeSet<String> files = new TreeSet<>();
        long libcBytes = 0;
        for (JsonNode p : r.json().path("packages")) {
            assertEquals("deb", p.path("ecosystem").asText());
            assertEquals("/var/lib/dpkg/status.d/" + p.path("name").asText(), p.path("location").asText());
            assertEquals(0, p.path("layer").path("index").asInt());
            actual.add((p.path("name").asText() + " " + p.path("version").asText() + " " + p.path("arch").asText() + " "
                    + (p.path("source").isNull() ? "" : p.path("source").asText())).strip());
            for (JsonNode f : p.path("paths")) files.add(p.path("name").asText() + " " + f.asText());
            if (p.path("name").asText().equals("libc6")) libcBytes = p.path("bytes").asLong();
        }
        assertEquals(expected, actual.stream().sorted().toList());
        TreeSet<String> expectedFiles = new TreeSet<>();
        long expectedLibc = 0;
        for (String line : owned) {
            String[] f = line.split(" ");
            expectedFiles.add(f[0] + " " + f[1]);
            if (f[0].equals("libc6")) expectedLibc += Long.parseLong(f[2]);
        }
        assertEquals(expectedFiles, files);
        assertEquals(expectedLibc, libcBytes);
    }
}
