package io.strata.cli;

import io.strata.session.ExitCodes;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static io.strata.cli.CliRun.SAMPLE;
import static io.strata.cli.CliRun.byPath;
import static io.strata.cli.CliRun.strata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FilesCommandTest {
    @Test
    void textListsTheMergedViewLikeLsL() {
        CliRun r = strata("files", SAMPLE, "/opt/app/bin");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("-rwsr-xr-x") && l.endsWith("/opt/app/bin/suid-tool")),
                r.out());
        assertTrue(r.out().lines().noneMatch(l -> l.contains("/opt/app/data")), r.out());
    }

    @Test
    void jsonHasDesignsFilesShape() {
        CliRun r = strata("files", SAMPLE, "--format", "json");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        JsonNode doc = r.json();
        assertEquals(1, doc.path("schemaVersion").asInt());
        JsonNode suid = byPath(doc.path("files"), "/opt/app/bin/suid-tool");
        assertEquals("file", suid.path("type").asText());
        assertEquals("4755", suid.path("mode").asText());
        assertEquals(13, suid.path("size").asLong());
        assertTrue(suid.path("sha256").asText().startsWith("sha256:"));
        assertEquals(4, suid.path("layer").asInt());
        JsonNode linked = byPath(doc.path("files"), "/opt/app/data/linked-2.txt");
        assertEquals("hardlink", linked.path("type").asText());
        assertEquals("/opt/app/data/linked-1.txt", linked.path("linkTarget").asText());
        assertEquals(2, linked.path("nlink").asInt());
        assertEquals("1777", byPath(doc.path("files"), "/tmp").path("mode").asText());
        assertEquals("symlink", byPath(doc.path("files"), "/opt/app/data/conf-link").path("type").asText());
        assertTrue(doc.path("owners").size() >= 3);
    }

    @Test
    void filtersByOwnerAndSetuid() {
        JsonNode owned = strata("files", SAMPLE, "--uid", "1234", "--gid", "5678", "--format", "json").json();
        assertEquals(4, owned.path("files").size());
        assertEquals(1, owned.path("owners").size());
        JsonNode setuid = strata("files", SAMPLE, "--setuid", "--format", "json").json();
        assertEquals(2, setuid.path("files").size());
        CliRun none = strata("files", SAMPLE, "--uid", "4242");
        assertEquals(ExitCodes.OK, none.code(), none.err());
    }

    @Test
    void deletedShowsHiddenVersionsWithTheirLayers() {
        JsonNode doc = strata("files", SAMPLE, "--deleted", "--format", "json").json();
        JsonNode big = byPath(doc.path("files"), "/opt/app/data/big.bin");
        assertEquals(2, big.path("layer").asInt());
        assertEquals(5, big.path("hiddenBy").asInt());
        assertEquals("whiteout", big.path("reason").asText());
        assertEquals(1048576, big.path("size").asLong());
        assertEquals("opaque", byPath(doc.path("files"), "/var/cache/appcache/entry1.dat").path("reason").asText());
    }

    @Test
    void layerShowsWhatALayerAddedModifiedAndDeleted() {
        JsonNode doc = strata("files", SAMPLE, "--layer", "6", "--format", "json").json();
        assertEquals("added", byPath(doc.path("files"), "/var/cache/appcache/fresh.dat").path("change").asText());
        assertEquals("deleted", byPath(doc.path("files"), "/var/cache/appcache/entry4.dat").path("change").asText());
        CliRun text = strata("files", SAMPLE, "--layer", "5");
        assertEquals(ExitCodes.OK, text.code(), text.err());
        assertTrue(text.out().startsWith("Layer 5 "), text.out());
        assertTrue(text.out().contains("0 added, 3 modified, 2 deleted"), text.out());
    }

    @Test
    void treeAndOwnersViews() {
        CliRun tree = strata("files", SAMPLE, "--tree", "/var/cache");
        assertEquals(ExitCodes.OK, tree.code(), tree.err());
        assertTrue(tree.out().contains("└── appcache"), tree.out());
        assertTrue(tree.out().contains("    └── fresh.dat"), tree.out());
        CliRun owners = strata("files", SAMPLE, "--owners");
        assertTrue(owners.out().lines().anyMatch(l -> l.startsWith("1000:1000") && l.contains(" 2 ")), owners.out());
    }

    @Test
    void badUsageExitsTwo() {
        assertEquals(ExitCodes.BAD_INPUT, strata("files", SAMPLE, "--layer", "9").code());
        assertEquals(ExitCodes.BAD_INPUT, strata("files", SAMPLE, "/no/such/path").code());
        assertEquals(ExitCodes.BAD_INPUT, strata("files", SAMPLE, "--tree", "--deleted").code());
        assertEquals(ExitCodes.BAD_INPUT, strata("files", SAMPLE, "--uid", "-3").code());
        CliRun missing = strata("files", "testdata/no-such-archive.tar");
        assertEquals(ExitCodes.BAD_INPUT, missing.code());
        assertTrue(missing.err().contains("no-such-archive.tar"), missing.err());
    }
}
