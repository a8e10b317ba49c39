package io.strata.cli;

import io.strata.testing.TempCache;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the commands that read the package inventory print with it kept in the cache is byte for byte what they print
 * with --no-cache: packages (JSON, text, --files, --sort bytes), sbom (both formats, their random serial and the
 * time of making masked), files --package, on the testdata images of every ecosystem.
 */
class PackagesWarmCacheTest {
    @RegisterExtension
    final TempCache cache = new TempCache();

    /** The random serial number / namespace and the time the document was made: the only parts that differ per run. */
    private static String masked(String sbom) {
        return sbom.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "UUID")
                .replaceAll("\"(timestamp|created)\" ?: ?\"[^\"]*\"", "\"$1\":\"T\"")
                .replaceAll("\"annotationDate\" ?: ?\"[^\"]*\"", "\"annotationDate\":\"T\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"testdata/packages/dpkg-layers.oci-archive.tar", "testdata/packages/rpm-layers.oci-archive.tar",
            "testdata/packages/distroless-status-d.oci-archive.tar", "testdata/packages/lang-packages.docker-save.tar",
            "testdata/advice/weakdeps.oci-archive.tar"})
    void warmOutputIsTheUncachedOutput(String archive) throws Exception {
        List<List<String>> commands = new ArrayList<>();
        commands.add(List.of("packages", "--format", "json", archive));
        commands.add(List.of("packages", archive));
        commands.add(List.of("packages", "--files", "--sort", "bytes", "--format", "json", archive));
        commands.add(List.of("sbom", "--format", "cyclonedx", archive));
        commands.add(List.of("sbom", "--format", "spdx", archive));
        commands.add(List.of("files", "--format", "json", archive));

        CliRun fill = CliRun.strata("packages", archive);
        assertEquals(0, fill.code(), fill.err());
        assertEquals(1, cache.entries("derived").size(), "the inventory is kept");
        for (List<String> command : commands) {
            List<String> uncached = new ArrayList<>(command);
            uncached.add(1, "--no-cache");
            CliRun expected = CliRun.strata(uncached.toArray(String[]::new));
            CliRun warm = CliRun.strata(command.toArray(String[]::new));
            assertEquals(0, expected.code(), expected.err());
            assertEquals(expected.code(), warm.code(), String.join(" ", command));
            boolean sbom = command.get(0).equals("sbom");
            assertEquals(sbom ? masked(expected.out()) : expected.out(), sbom ? masked(warm.out()) : warm.out(),
                    String.join(" ", command));
            assertEquals(expected.err(), warm.err(), String.join(" ", command));
        }
        assertEquals(1, cache.entries("derived").size(), "one image, one chain: one entry");
    }
}
