package io.strata.extract;

import io.strata.layer.LayerIndex;
import io.strata.layer.LayerScanner;
import io.strata.testing.LayerTar;
import io.strata.tree.LayerStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * extract's parts without the CLI, on layers built here: which stored entry FileLocator picks (merged view, a layer's
 * own version, links resolved inside the image), how RootResolver follows symlinks as a chroot would, and that
 * EntryCopier copies exactly the bytes the tar holds. Expected bytes are the ones written into the tars.
 */
class ExtractUnitTest {
    @TempDir
    Path dir;
    private final List<LayerTar> tars = new ArrayList<>();

    private LayerStack stack(LayerTar... layers) throws Exception {
        List<LayerIndex> scanned = new ArrayList<>();
        for (LayerTar t : layers) {
            tars.add(t);
            scanned.add(t.scanAt(dir.resolve("layer" + scanned.size() + ".tar")));
        }
        return LayerStack.of(scanned);
    }

    private String bytesOf(LayerStack s, ExtractTarget t) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EntryCopier.copyOne(new ByteArrayInputStream(tars.get(t.layer()).bytes()), s.layers().get(t.layer()), t.entry(),
                LayerScanner.Options.DEFAULT, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void mergedViewGivesTheTopVersionAndLayerGivesItsOwn() throws Exception {
        LayerStack s = stack(LayerTar.create().dir("etc").file("etc/motd", "base\n"),
                LayerTar.create().file("etc/motd", "top\n"));
        ExtractTarget merged = FileLocator.merged(s.merged(), "/etc/motd", true);
        assertEquals(1, merged.layer());
        assertEquals("top\n", bytesOf(s, merged));
        ExtractTarget lower = FileLocator.inLayer(s, 0, "/etc/motd", true);
        assertEquals(0, lower.layer());
        assertEquals("base\n", bytesOf(s, lower));
    }

    @Test
    void aDeletedFileIsNotInTheMergedViewAndTheMessageSaysWhichLayerHoldsIt() throws Exception {
        LayerStack s = stack(LayerTar.create().dir("tmp").file("tmp/secret", "s3cret"),
                LayerTar.create().whiteout("tmp/secret"));
        ExtractException e = assertThrows(ExtractException.class, () -> FileLocator.merged(s.merged(), "/tmp/secret", true));
        assertTrue(e.getMessage().contains("a later layer removed it (layer 1)"), e.getMessage());
        assertTrue(e.getMessage().contains("use --layer 0"), e.getMessage());
        assertEquals("s3cret", bytesOf(s, FileLocator.inLayer(s, 0, "/tmp/secret", true)));
    }

    @Test
    void symlinksResolveInsideTheImageRootOnly() throws Exception {
        LayerStack s = stack(LayerTar.create().dir("etc").file("etc/passwd", "root:x:0:0\n")
                .symlink("etc/abs", "/etc/passwd").symlink("etc/rel", "../../../etc/passwd")
                .symlink("loop-a", "loop-b").symlink("loop-b", "loop-a"));
        assertEquals("/etc/passwd", RootResolver.resolve(s.merged(), "/etc/abs", true).path().absolute());
        // ".." stops at the root, as inside a chroot: never a path of the host
        assertEquals("/etc/passwd", RootResolver.resolve(s.merged(), "/etc/rel", true).path().absolute());
        ExtractTarget link = FileLocator.merged(s.merged(), "/etc/abs", false);
        assertEquals(Optional.of("/etc/passwd"), link.linkText());
        ExtractException loop = assertThrows(ExtractException.class, () -> RootResolver.resolve(s.merged(), "/loop-a", true));
        assertTrue(loop.getMessage().toLowerCase().contains("link"), loop.getMessage());
    }

    @Test
    void aLinkInALowerLayerResolvesAgainstTheFilesystemAsItStoodThen() throws Exception {
        LayerStack s = stack(LayerTar.create().dir("app").file("app/v1.conf", "one").symlink("app/current", "v1.conf"),
                LayerTar.create().file("app/v1.conf", "changed").symlink("app/current", "v2.conf").file("app/v2.conf", "two"));
        assertEquals("two", bytesOf(s, FileLocator.merged(s.merged(), "/app/current", true)));
        // layer 0's link, followed in layers 0..0: the v1.conf of that time
        assertEquals("one", bytesOf(s, FileLocator.inLayer(s, 0, "/app/current", true)));
    }

    @Test
    void directoriesAndMissingLayersAreRefused() throws Exception {
        LayerStack s = stack(LayerTar.create().dir("etc").file("etc/hosts", "127.0.0.1 localhost\n"));
        assertThrows(ExtractException.class, () -> FileLocator.merged(s.merged(), "/etc", true));
        ExtractException e = assertThrows(ExtractException.class, () -> FileLocator.inLayer(s, 3, "/etc/hosts", true));
        assertTrue(e.getMessage().contains("layers 0..0"), e.getMessage());
        assertThrows(ExtractException.class, () -> FileLocator.inLayer(s, 0, "/etc/nothing", true));
    }
}
