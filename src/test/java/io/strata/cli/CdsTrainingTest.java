package io.strata.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The launcher's training run: every command on the sample, then nothing left behind. */
class CdsTrainingTest {

    // a private parent folder, so a test suite running beside this one (its own training folders in the shared
    // temporary folder) cannot make the check fail
    @Test
    void runsEveryCommandAndLeavesNoCacheFolderOrSetting(@TempDir Path parent) throws IOException {
        String before = System.getProperty("strata.cacheDir");
        Path cache = Files.createDirectory(parent.resolve("strata-cds-training"));
        CdsTraining.train(cache, new String[]{"testdata/sample/sample.docker-save.tar", "testdata/packages/dpkg-layers.oci-archive.tar"});
        assertEquals(before, System.getProperty("strata.cacheDir"), "the cache setting is restored");
        assertFalse(Files.exists(cache), "its temporary layer cache is removed");
    }
}
