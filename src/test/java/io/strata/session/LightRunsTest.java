package io.strata.session;

import io.strata.archive.ImageArchive;
import io.strata.archive.Limits;
import io.strata.cache.CacheMaintenance;
import io.strata.cache.LightRuns;
import io.strata.layer.LayerScanner;
import io.strata.packages.PackageCapture;
import io.strata.testing.PropertyOverride;
import io.strata.testing.TempCache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The marks the launcher reads to start a warm run with the quick compiler: a run that took every layer (or the
 * package inventory) from the cache, bound to the same unchanged file, marks that file for its command, named as
 * {@code stat -L -c %d-%i-%s-%Y-%Z} names it; a run that scanned removes the mark; evicting entries removes all.
 */
class LightRunsTest {
    private static final String BUILD = "40079100-1796321246";
    @RegisterExtension
    final TempCache cache = new TempCache();
    @TempDir
    Path dir;
    private PropertyOverride stamp;
    private Path archive;

    @BeforeEach
    void copySample() throws IOException {
        archive = dir.resolve("sample.tar");
        Files.copy(Path.of("testdata/packages/dpkg-layers.oci-archive.tar"), archive);
    }

    @AfterEach
    void clearStamp() {
        if (stamp != null) stamp.close();
    }

    private static Workspace.Options options() {
        LayerScanner.Options scan = LayerScanner.Options.DEFAULT.withTap(PackageCapture.all(
                PackageCapture.DEFAULT_MAX_FILE_BYTES, PackageCapture.DEFAULT_MAX_LAYER_BYTES));
        return new Workspace.Options(Optional.empty(), Optional.empty(), Limits.DEFAULT, scan, 2, false, false);
    }

    /** One run of a command as the launcher starts it: what waste reads (every layer), or what packages reads. */
    private void run(String command) throws Exception {
        stamp = PropertyOverride.set(LightRuns.PROPERTY, BUILD + "/" + line(command));
        try (Workspace ws = new Workspace(options())) {
            ImageArchive a = ws.open(archive.toString());
            if (command.equals("packages")) ws.packages(a, ws.select(a));
            else ws.analyse(a, ws.select(a)).tree();
        } finally {
            stamp.close();
            stamp = null;
        }
    }

    /** The launcher's name for a command line: the command, then cksum's checksum and length of all its arguments. */
    private static String line(String command) {
        return command + "-" + Math.abs(command.hashCode()) + "-" + command.length();
    }

    /** Where the launcher looks for the mark of {@code command} on the archive: the name from coreutils' stat. */
    private Path mark(String command) throws Exception {
        Process p = new ProcessBuilder("stat", "-L", "-c", "%d-%i-%s-%Y-%Z", archive.toString()).start();
        String id = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        assertEquals(0, p.waitFor());
        return cache.folder().resolve("light").resolve(BUILD).resolve(line(command)).resolve(id);
    }

    @Test
    void aRunServedFromTheSameFileMarksItAndAScanningRunDoesNot() throws Exception {
        run("waste");
        assertFalse(Files.exists(mark("waste")), "the first run scanned every layer");
        run("waste");
        assertTrue(Files.exists(mark("waste")), "the second run took every layer from the cache");
        assertFalse(Files.exists(mark("packages")), "a mark is for one command line");
        run("packages");
        assertFalse(Files.exists(mark("packages")), "the first packages run built the inventory");
        run("packages");
        assertTrue(Files.exists(mark("packages")), "the kept inventory, from the same file, read no layer");
    }

    @Test
    void aChangedFileHasAnotherMarkAndItsScanningRunRemovesNone() throws Exception {
        run("waste");
        run("waste");
        Path before = mark("waste");
        assertTrue(Files.exists(before));
        // the same bytes written again: a new change time, so a new file state, read with a hash or a scan
        Thread.sleep(1100);
        Files.write(archive, Files.readAllBytes(archive), StandardOpenOption.TRUNCATE_EXISTING);
        assertFalse(mark("waste").equals(before));
        run("waste");
        assertFalse(Files.exists(mark("waste")), "the changed file's blobs were hashed before their scans were served");
    }

    @Test
    void aRunThatHadToScanRemovesTheMark() throws Exception {
        run("waste");
        run("waste");
        assertTrue(Files.exists(mark("waste")));
        // the layer scans gone (a user removing the folder by hand): the next run scans, and unmarks the file
        try (var s = Files.list(cache.folder().resolve("layers"))) {
            for (Path p : s.toList()) Files.delete(p);
        }
        run("waste");
        assertFalse(Files.exists(mark("waste")));
    }

    @Test
    void evictingOrPruningEntriesRemovesEveryMark() throws Exception {
        run("waste");
        run("waste");
        assertTrue(Files.exists(mark("waste")));
        CacheMaintenance.trim(cache.folder(), 1);
        assertFalse(Files.exists(cache.folder().resolve("light")), "entries were evicted");
        run("waste");
        run("waste");
        assertTrue(Files.exists(mark("waste")));
        CacheMaintenance.prune(cache.folder(), new CacheMaintenance.Policy(true, 0, Duration.ZERO), Instant.now());
        assertFalse(Files.exists(cache.folder().resolve("light")));
    }

    @Test
    void marksOfAnotherBuildAreRemovedAndAStampThatIsNotOneIsIgnored() throws Exception {
        Path old = cache.folder().resolve("light").resolve("1-2").resolve("waste-8-9").resolve("3-4-5-6-7");
        Files.createDirectories(old.getParent());
        Files.createFile(old);
        run("waste");
        run("waste");
        assertTrue(Files.exists(mark("waste")));
        assertFalse(Files.exists(old.getParent().getParent()), "another jar's marks");
        for (String bad : List.of("../../x/waste-1-2", "1-2/../waste-1-2", "1-2/waste-1-2/x", "1-2/Waste-1-2", "1-2/waste",
                "")) {
            try (PropertyOverride p = PropertyOverride.set(LightRuns.PROPERTY, bad)) {
                LightRuns.record(cache.folder(), List.of(archive.toString()), true);
            }
        }
        try (var s = Files.walk(cache.folder().resolve("light"))) {
            assertEquals(1, s.filter(Files::isRegularFile).count(), "only the one good mark");
        }
    }

    @Test
    void withoutTheLaunchersStampNothingIsMarked() throws Exception {
        try (Workspace ws = new Workspace(options())) {
            ImageArchive a = ws.open(archive.toString());
            ws.analyse(a, ws.select(a)).tree();
        }
        try (Workspace ws = new Workspace(options())) {
            ImageArchive a = ws.open(archive.toString());
            ws.analyse(a, ws.select(a)).tree();
        }
        assertFalse(Files.exists(cache.folder().resolve("light")));
    }
}
