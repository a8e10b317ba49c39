package io.strata.hostile;

import io.strata.testing.Archives;
import com.fasterxml.jackson.databind.JsonNode;
import io.strata.testing.RawTar;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A PAX record may claim any uid: 2^32 + 7 was shown as 7 (root's neighbour) by a truncating reader. Ids are
 * shown as claimed, flagged as a finding, kept by the layer cache and written whole by export.
 */
class WideIdsTest {
    private static final long UID = (1L << 32) + 7;
    private static final long GID = (1L << 32) + 8;

    @TempDir
    Path tmp;

    @Test
    void idsWiderThan32BitsAreShownAsClaimedNeverTruncated() throws Exception {
        byte[] content = "wide".getBytes();
        byte[] layer = new RawTar().paxBytes('x', "uid", Long.toString(UID), "gid", Long.toString(GID))
                .entry("wide.txt", '0', content).entry("normal.txt", '0', content).finish();
        Path archive = new Archives.Docker().layer(layer).write(tmp.resolve("wide.tar"));

        for (String cache : List.of("--no-cache", "--verify-nothing-cold", "--verify-nothing-warm")) {
            List<String> args = new java.util.ArrayList<>(List.of("files", archive.toString(), "--format", "json"));
            if (cache.equals("--no-cache")) args.add(cache); // else once cold into the cache, then warm from it
            var files = CommandMatrix.run(args);
            assertEquals(0, files.code(), files.err());
            JsonNode doc = Archives.JSON.readTree(files.out());
            JsonNode wide = null;
            for (JsonNode f : doc.path("files")) if (f.path("path").asText().equals("/wide.txt")) wide = f;
            assertEquals(UID, wide.path("uid").asLong(), cache + ": " + files.out());
            assertEquals(GID, wide.path("gid").asLong());
            boolean ownerRow = false;
            for (JsonNode o : doc.path("owners")) ownerRow |= o.path("uid").asLong() == UID && o.path("gid").asLong() == GID;
            assertTrue(ownerRow, doc.path("owners").toString());
            assertTrue(doc.path("findings").toString().contains("id-over-32-bits"), doc.path("findings").toString());
        }

        var text = CommandMatrix.run(List.of("files", archive.toString(), "--owners"));
        assertTrue(text.out().contains(UID + ":" + GID), text.out());
        var byUid = CommandMatrix.run(List.of("files", archive.toString(), "--uid", Long.toString(UID), "--format", "json"));
        assertEquals(1, Archives.JSON.readTree(byUid.out()).path("files").size(), byUid.out());
        var seven = CommandMatrix.run(List.of("files", archive.toString(), "--uid", "7", "--format", "json"));
        assertEquals(0, Archives.JSON.readTree(seven.out()).path("files").size(), "not truncated to 7: " + seven.out());

        Path rootfs = tmp.resolve("rootfs.tar");
        assertEquals(0, CommandMatrix.run(List.of("export", archive.toString(), "-o", rootfs.toString())).code());
        try (InputStream in = Files.newInputStream(rootfs); TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            boolean seen = false;
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                if (e.getName().equals("wide.txt")) {
                    seen = true;
                    assertEquals(UID, e.getLongUserId());
                    assertEquals(GID, e.getLongGroupId());
                }
            }
            assertTrue(seen);
        }
    }
}
