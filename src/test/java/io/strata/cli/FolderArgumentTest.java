package io.strata.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.session.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.strata.cli.CliRun.strata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A folder argument: its archives analysed, its other files skipped with a note and exit 0; --recursive. */
class FolderArgumentTest {
    private static Path folder(Path dir) throws Exception {
        Files.createSymbolicLink(dir.resolve("a.tar"), Path.of(CliRun.SAMPLE).toAbsolutePath());
        Files.createSymbolicLink(dir.resolve("b.tar"), Path.of(ConfigCommandTest.CONFIG).toAbsolutePath());
        Files.writeString(dir.resolve("README.md"), "# images\nThese are our images.\n");
        Files.writeString(dir.resolve("a.tar.facts.txt"), "facts\n");
        Files.write(dir.resolve("notes.bin"), new byte[2048]); // zeros: no tar header checksum holds
        Path sub = Files.createDirectories(dir.resolve("older"));
        Files.createSymbolicLink(sub.resolve("c.tar"), Path.of("testdata/versions/webapp-v1.docker-save.tar").toAbsolutePath());
        return dir;
    }

    private static List<String> archives(JsonNode doc) {
        List<String> out = new ArrayList<>();
        doc.path("archives").forEach(a -> out.add(Path.of(a.path("path").asText()).getFileName().toString()));
        return out;
    }

    @Test
    void otherFilesAreSkippedWithANote(@TempDir Path dir) throws Exception {
        folder(dir);
        for (String command : List.of("inspect", "waste", "history", "verify")) {
            CliRun r = strata(command, dir.toString(), "--format", "json");
            assertEquals(0, r.code(), command + ": " + r.err());
            if (!command.equals("verify")) assertEquals(List.of("a.tar", "b.tar"), archives(r.json()), command);
            for (String skipped : List.of("README.md", "a.tar.facts.txt", "notes.bin")) {
                assertTrue(r.err().contains(skipped + ": not an image archive; skipped"), command + ": " + r.err());
            }
            assertTrue(r.err().contains("older: a folder; skipped (--recursive"), r.err());
        }
    }

    @Test
    void recursiveDescends(@TempDir Path dir) throws Exception {
        folder(dir);
        CliRun r = strata("inspect", "--recursive", dir.toString(), "--format", "json");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("a.tar", "b.tar", "c.tar"), archives(r.json()));
        CliRun verify = strata("verify", "-r", dir.toString(), "--format", "json");
        assertEquals(0, verify.code(), verify.err());
        assertEquals(3, verify.json().path("archives").size());
    }

    @Test
    void aFolderWithoutArchivesIsBadInput(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("README.md"), "nothing here\n");
        CliRun r = strata("waste", dir.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code());
        assertTrue(r.err().contains("holds no archive files"), r.err());
    }
}
