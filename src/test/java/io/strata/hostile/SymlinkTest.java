package io.strata.hostile;

import io.strata.testing.Archives;
import io.strata.testing.LayerTar;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** extract resolves symlinks inside the image root only: loops end, chains resolve, escapes stay in the image. */
class SymlinkTest {
    @TempDir
    Path tmp;
    private Path archive;

    @BeforeEach
    void image() throws Exception {
        LayerTar tar = LayerTar.create()
                .dir("etc").file("etc/hostname", "image-hostname\n")
                .dir("real").dir("real/dir").file("real/dir/file.txt", "through a directory link\n")
                .symlink("loop-a", "loop-b").symlink("loop-b", "loop-a").symlink("self", "self")
                .symlink("dirlink", "real/dir")
                .symlink("up", "../../../../../../../../etc/hostname")
                .symlink("abs", "/etc/hostname")
                .symlink("host-only", "/etc/shadow-of-the-host")
                .symlink("empty", "");
        for (int i = 0; i < 30; i++) tar.symlink("chain" + i, i == 29 ? "etc/hostname" : "chain" + (i + 1));
        for (int i = 0; i < 50; i++) tar.symlink("long" + i, i == 49 ? "etc/hostname" : "long" + (i + 1));
        archive = new Archives.Docker().layer(tar.bytes()).write(tmp.resolve("links.tar"));
    }

    private CommandMatrix.Outcome extract(String path, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("extract", archive.toString(), path, "-o",
                tmp.resolve("out").toString()));
        args.addAll(List.of(more));
        return assertTimeoutPreemptively(Duration.ofSeconds(30), () -> CommandMatrix.run(args));
    }

    private String extracted(String path) throws Exception {
        CommandMatrix.Outcome o = extract(path);
        assertEquals(0, o.code(), o.err());
        return Files.readString(tmp.resolve("out"));
    }

    @Test
    void loopsAreAnErrorAndLeaveNoOutput() {
        for (String loop : List.of("/loop-a", "/self", "/long0")) {
            CommandMatrix.Outcome o = extract(loop);
            assertEquals(2, o.code(), loop);
            assertTrue(o.err().contains("too many levels of symbolic links"), o.err());
            assertFalse(Files.exists(tmp.resolve("out")), "no output for a failed extract");
        }
    }

    @Test
    void chainsAndDirectoryLinksResolve() throws Exception {
        assertEquals("image-hostname\n", extracted("/chain0"));
        assertEquals("through a directory link\n", extracted("/dirlink/file.txt"));
        assertEquals("through a directory link\n", extracted("/dirlink/../dir/file.txt"));
    }

    @Test
    void escapesStayInsideTheImage() throws Exception {
        assertEquals("image-hostname\n", extracted("/up"));
        assertEquals("image-hostname\n", extracted("/abs"));
        assertEquals("image-hostname\n", extracted("/../../../etc/hostname"));
        CommandMatrix.Outcome host = extract("/host-only");
        assertEquals(2, host.code(), "never read on the host");
        assertTrue(host.err().contains("no such file"), host.err());
        assertEquals(2, extract("/empty").code());
    }

    @Test
    void noFollowGivesTheLinkItself() throws Exception {
        CommandMatrix.Outcome o = extract("/up", "--no-follow");
        assertEquals(0, o.code(), o.err());
        assertEquals("../../../../../../../../etc/hostname", Files.readString(tmp.resolve("out")));
        assertEquals(0, extract("/loop-a", "--no-follow").code(), "a loop's own link can be read");
    }

    @Test
    void everyCommandCopesWithTheLinks() {
        CommandMatrix.runAll(archive, tmp, Duration.ofSeconds(60));
    }
}
