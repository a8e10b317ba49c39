package io.strata.hostile;

import io.strata.testing.Archives;
import com.fasterxml.jackson.databind.JsonNode;
import io.strata.testing.ImageBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Figures that were wrong on real builds: a driver with 13 hardlinks counted 13 times by diff --stat, symlink
 * targets missing from the per-owner totals, and removed rows of a diff naming A's step instead of B's.
 */
class RealBuildFiguresTest {
    private static final int DRIVER = 5000;
    private static final String TARGET = "../lib/x86_64/libGL.so.1"; // 24 bytes

    @TempDir
    Path tmp;

    private static ImageBuilder base() {
        return new ImageBuilder().layer("/bin/sh -c #(nop) ADD file:base in /")
                .dir("etc").file("etc/app.conf", "conf\n").dir("etc/keep").file("etc/keep/x", "x\n").done();
    }

    private static JsonNode json(List<String> args) throws Exception {
        var r = CommandMatrix.run(args);
        assertTrue(r.code() <= 1, args + ": " + r.err());
        return Archives.JSON.readTree(r.out());
    }

    @Test
    void diffStatCountsAHardlinkedInodeOnce() throws Exception {
        ImageBuilder.Layer mesa = base().layer("/bin/sh -c apt-get install -y mesa");
        mesa.file("usr/lib/dri/iris_dri.so", DRIVER);
        for (int i = 0; i < 12; i++) mesa.hardlink("usr/lib/dri/link" + i + "_dri.so", "usr/lib/dri/iris_dri.so");
        Path a = mesa.done().write(tmp, "a.tar");
        Path b = base().write(tmp, "b.tar");

        JsonNode ab = json(List.of("diff", a.toString(), b.toString(), "--stat", "--format", "json"));
        assertEquals(13 + 3, ab.path("summary").path("removed").asInt(), "13 names and usr, usr/lib, usr/lib/dri");
        assertEquals(DRIVER, ab.path("summary").path("bytesRemoved").asLong(), "one inode, once: " + ab);
        JsonNode ba = json(List.of("diff", b.toString(), a.toString(), "--stat", "--format", "json"));
        assertEquals(DRIVER, ba.path("summary").path("bytesAdded").asLong(), ba.toString());
        long squashedA = json(List.of("waste", a.toString(), "--format", "json")).path("squashedBytes").asLong();
        long squashedB = json(List.of("waste", b.toString(), "--format", "json")).path("squashedBytes").asLong();
        assertEquals(squashedA - squashedB, ab.path("summary").path("bytesRemoved").asLong()
                - ab.path("summary").path("bytesAdded").asLong(), "the stat agrees with the squashed sizes");
    }

    @Test
    void ownerTotalsAddUpToTheSquashedBytesSymlinkTargetsIncluded() throws Exception {
        Path image = base().layer("/bin/sh -c useradd app && install files")
                .file("home/app/data", ImageBuilder.bytes("d", 200), 0644, 1000, 1000)
                .symlink("usr/lib/libGL.so", TARGET)
                .hardlink("home/app/data-link", "home/app/data")
                .done().write(tmp, "owners.tar");
        JsonNode files = json(List.of("files", image.toString(), "--owners", "--format", "json"));
        long owners = 0;
        for (JsonNode o : files.path("owners")) owners += o.path("bytes").asLong();
        assertEquals("conf\n".length() + "x\n".length() + 200 + TARGET.length(), owners, files.path("owners").toString());
        long squashed = json(List.of("waste", image.toString(), "--format", "json")).path("squashedBytes").asLong();
        assertEquals(squashed, owners);
    }

    @Test
    void aRemovedRowNamesTheStepOfBThatRemovedIt() throws Exception {
        Path a = base().layer("/bin/sh -c install -D a-only /opt/a-only").file("opt/a-only", "a\n").done()
                .write(tmp, "a.tar");
        Path b = base().layer("/bin/sh -c rm /etc/app.conf").whiteout("etc/app.conf").done()
                .layer("/bin/sh -c rm -rf /etc/keep/* && touch /etc/keep/new").opaque("etc/keep")
                .file("etc/keep/new", "").done()
                .write(tmp, "b.tar");
        JsonNode diff = json(List.of("diff", a.toString(), b.toString(), "--format", "json"));
        JsonNode conf = null;
        JsonNode kept = null;
        JsonNode only = null;
        for (JsonNode f : diff.path("files")) {
            switch (f.path("path").asText()) {
                case "/etc/app.conf" -> conf = f;
                case "/etc/keep/x" -> kept = f;
                case "/opt/a-only" -> only = f;
                default -> { }
            }
        }
        assertEquals("removed", conf.path("change").asText());
        assertEquals(1, conf.path("removedBy").path("layer").asInt(), conf.toString());
        assertEquals("/bin/sh -c rm /etc/app.conf", conf.path("removedBy").path("createdBy").asText());
        assertEquals("whiteout", conf.path("removedBy").path("how").asText());
        assertEquals(2, kept.path("removedBy").path("layer").asInt(), kept.toString());
        assertEquals("opaque directory", kept.path("removedBy").path("how").asText());
        assertTrue(only.path("removedBy").path("layer").isNull(), only.toString());
        assertEquals("not in B's layers", only.path("removedBy").path("how").asText());

        String text = CommandMatrix.run(List.of("diff", a.toString(), b.toString(), "--only", "files")).out();
        assertTrue(text.contains("B1  /bin/sh -c rm /etc/app.conf"), text);
        assertTrue(!text.contains("B0  /bin/sh -c install"), "A's step is not B's: " + text);
    }
}
