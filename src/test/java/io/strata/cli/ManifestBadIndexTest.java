package io.strata.cli;

import io.strata.testing.Archives;
import io.strata.testing.LayerTar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `strata manifest` on a docker-archive whose image reads from manifest.json but whose index.json is not JSON. Text
 * shows what it could read (the image and its layers, from manifest.json and the config), then stops at the index:
 * one line on standard error naming the archive and index.json, exit 2. JSON embeds the index, so it prints nothing.
 */
class ManifestBadIndexTest {
    @TempDir
    Path dir;

    private Path archive(Archives.Docker docker) throws Exception {
        return docker.write(dir.resolve("bad-index.tar"));
    }

    private static Archives.Docker docker() {
        return new Archives.Docker().layer(LayerTar.create().file("etc/hello", "hi\n").bytes())
                .file("index.json", "{\"schemaVersion\": 2, \"manifests\": [".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void textShowsTheImageThenRefusesTheIndex() throws Exception {
        Archives.Docker docker = docker();
        String file = archive(docker).toString();
        CliRun run = CliRun.strata("manifest", file);
        assertEquals(2, run.code(), run.err());
        assertEquals(1, run.err().lines().count(), "one line on stderr: " + run.err());
        assertTrue(run.err().startsWith("strata: " + file + ": index.json: malformed JSON"),
                "names the archive and the index: " + run.err());
        assertFalse(run.err().contains("Source:"), "no parser internals: " + run.err());
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), run.err());
        // the image and its layers were read from manifest.json and the config, and shown before the index
        assertTrue(run.out().contains(Archives.sha256(docker.configBytes())), run.out());
        assertTrue(run.out().contains(docker.layerName(0)), run.out());
        assertFalse(run.out().contains("Index (index.json)"), run.out());
    }

    @Test
    void jsonPrintsNothing() throws Exception {
        String file = archive(docker()).toString();
        CliRun run = CliRun.strata("manifest", file, "--format", "json");
        BadInputAssertions.assertOneLineFailure(run, file, "");
        assertTrue(run.err().contains(": index.json: malformed JSON"), "names the index: " + run.err());
    }

    /** --raw --index prints the stored bytes, whatever they hold: nothing is parsed. */
    @Test
    void rawIndexIsTheStoredBytes() throws Exception {
        String file = archive(docker()).toString();
        byte[] raw = ConfigCommandTest.stdout("manifest", file, "--raw", "--index");
        assertEquals("{\"schemaVersion\": 2, \"manifests\": [", new String(raw, StandardCharsets.UTF_8));
    }
}
