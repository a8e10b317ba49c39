package io.strata.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The launcher's training run: every command on the sample, then nothing left behind. */
class CdsTrainingTest {

    @Test
    void runsEveryCommandAndLeavesNoCacheFolderOrSetting() throws IOException {
        String before = System.getProperty("strata.cacheDir");
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        List<Path> earlier = trainingFolders(tmp);
        CdsTraining.main(new String[]{"testdata/sample/sample.docker-save.tar", "testdata/packages/dpkg-layers.oci-archive.tar"});
        assertEquals(before, System.getProperty("strata.cacheDir"), "the cache setting is restored");
        assertEquals(earlier, trainingFolders(tmp), "its temporary layer cache is removed");
    }

    private static List<Path> trainingFolders(Path tmp) throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().startsWith("strata-cds-training")).sorted().toList();
        }
    }
}
