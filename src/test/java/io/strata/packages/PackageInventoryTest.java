package io.strata.packages;

import io.strata.layer.LayerIndex;
import io.strata.layer.LayerScanner;
import io.strata.testing.LayerTar;
import io.strata.tree.OverlayMerger;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The inventory over layers built in the test: whiteouts, opaque folders, distroless status.d, hostile files. */
class PackageInventoryTest {
    private static final String A = "Package: a\nStatus: install ok installed\nVersion: 1.0\nArchitecture: amd64\n"
            + "Depends: b (>= 1), libc6\n";
    private static final String B = "Package: b\nStatus: install ok installed\nVersion: 2.0\nArchitecture: all\n";
    private static final String B_REMOVED = "Package: b\nStatus: deinstall ok config-files\nVersion: 2.0\n";

    static Inventory inventory(long maxFile, LayerTar... layers) throws Exception {
        List<LayerIndex> indexes = new ArrayList<>();
        LayerScanner.Options options = LayerScanner.Options.DEFAULT.withTap(PackageCapture.all(maxFile, Math.max(maxFile, 1 << 20)));
        for (LayerTar t : layers) indexes.add(LayerScanner.scan(new ByteArrayInputStream(t.bytes()), options));
        return PackageInventory.of(OverlayMerger.merge(indexes), Collections.nCopies(layers.length, Optional.empty()));
    }

    static Inventory inventory(LayerTar... layers) throws Exception {
        return inventory(1 << 20, layers);
    }

    private static List<String> names(Inventory inv) {
        return inv.packages().stream().map(p -> p.name() + "=" + p.version() + "@" + p.layer().index() + ".."
                + p.lastChangedLayer().index()).toList();
    }

    @Test
    void layersFollowEachLayersDatabase() throws Exception {
        Inventory inv = inventory(
                LayerTar.create().file("var/lib/dpkg/status", A + "\n" + B)
                        .file("var/lib/dpkg/info/a.list", "/.\n/usr\n/usr/bin\n/usr/bin/a\n").file("usr/bin/a", "12345"),
                LayerTar.create().file("etc/x", "unrelated"),
                LayerTar.create().file("var/lib/dpkg/status", A.replace("1.0", "1.1") + "\n" + B)
                        .file("usr/bin/a", "1234567"));
        assertEquals(List.of("a=1.1@0..2", "b=2.0@0..0"), names(inv));
        InstalledPackage a = inv.packages().get(0);
        assertEquals(List.of("/usr/bin/a"), a.files());
        assertEquals(7, a.bytes());
        assertEquals(5, a.hiddenBytes());
        assertEquals(List.of("a"), inv.packages().get(1).requiredBy());
        assertEquals("deb/a", inv.ownerOf("usr/bin/a").orElseThrow().label());
        assertTrue(inv.ownerOf("etc/x").isEmpty());
    }

    @Test
    void removalAndWhiteoutsAndOpaqueFolders() throws Exception {
        LayerTar base = LayerTar.create().file("var/lib/dpkg/status", A + "\n" + B);
        assertEquals(List.of("a=1.0@0..0"), names(inventory(base,
                LayerTar.create().file("var/lib/dpkg/status", A + "\n" + B_REMOVED))));
        assertEquals(List.of(), names(inventory(base, LayerTar.create().whiteout("var/lib/dpkg"))));
        assertEquals(List.of(), names(inventory(base, LayerTar.create().opaque("var/lib"))));
        // deleted, then written again: the package appears anew in the later layer
        assertEquals(List.of("b=2.0@2..2"), names(inventory(base, LayerTar.create().whiteout("var/lib/dpkg/status"),
                LayerTar.create().file("var/lib/dpkg/status", B))));
    }

    @Test
    void distrolessStatusD() throws Exception {
        Inventory inv = inventory(LayerTar.create()
                .file("var/lib/dpkg/status.d/base", "Package: base-files\nVersion: 12.4\nArchitecture: amd64\n"
                        + "Source: base-files\n")
                .file("var/lib/dpkg/status.d/base.md5sums", "d41d8cd98f00b204e9800998ecf8427e  etc/debian_version\n")
                .file("etc/debian_version", "12.4\n"));
        assertEquals(List.of("base-files=12.4@0..0"), names(inv));
        assertEquals(List.of("/etc/debian_version"), inv.packages().get(0).files());
        assertEquals("/var/lib/dpkg/status.d/base", inv.packages().get(0).declared().location());
    }

    @Test
    void usrMergedPathsAreFoundThroughTheSymlinkedFolder() throws Exception {
        Inventory inv = inventory(LayerTar.create().symlink("bin", "usr/bin").file("usr/bin/ls", "elf")
                .file("var/lib/dpkg/status", A).file("var/lib/dpkg/info/a:amd64.list", "/bin\n/bin/ls\n"));
        assertEquals(List.of("/usr/bin/ls"), inv.packages().get(0).files());
        assertEquals(3, inv.packages().get(0).bytes());
    }

    @Test
    void hostileDatabasesAreFindingsNamingTheFile() throws Exception {
        byte[] binary = new byte[5000];
        binary[10] = 0;
        binary[11] = 'P';
        Inventory inv = inventory(LayerTar.create().file("var/lib/dpkg/status", binary, 0644, 0, 0));
        assertEquals(List.of(), inv.packages());
        assertTrue(inv.findings().stream().anyMatch(f -> f.path().orElse("").equals("/var/lib/dpkg/status")),
                inv.findings().toString());
        // over the capture limit: not read at all, and said by the layer scan
        List<LayerIndex> idx = List.of(LayerScanner.scan(new ByteArrayInputStream(LayerTar.create()
                        .file("var/lib/dpkg/status", A.repeat(10)).bytes()),
                LayerScanner.Options.DEFAULT.withTap(PackageCapture.all(100, 1 << 20))));
        assertTrue(idx.get(0).findings().stream().anyMatch(f -> f.code().equals("capture-too-large")
                && f.path().orElse("").equals("/var/lib/dpkg/status")));
        assertEquals(List.of(), PackageInventory.of(OverlayMerger.merge(idx), List.of(Optional.empty())).packages());
        // garbage lines and paragraphs without a name or version
        Inventory junk = inventory(LayerTar.create().file("var/lib/dpkg/status",
                "garbage line\nPackage: x\nStatus: install ok installed\n\n: \n" + A));
        assertEquals(List.of("a=1.0@0..0"), names(junk));
        assertTrue(junk.findings().stream().anyMatch(f -> f.code().equals("package-db-corrupt")));
    }
}
