package io.strata.session;

import io.strata.testing.TempCache;
import io.strata.archive.Limits;
import io.strata.cache.DerivedCache;
import io.strata.layer.LayerScanner;
import io.strata.packages.InstalledPackage;
import io.strata.packages.Inventory;
import io.strata.packages.PackageCapture;
import io.strata.testing.ImageBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The package inventory kept between runs: a warm run takes it from the cache and it equals, record for record (every
 * package, file, owner and finding), the inventory built from the merged tree without any cache; a damaged entry, an
 * entry of another chain of layers or a payload that does not decode is refused and the inventory built again.
 */
class KeptInventoriesTest {
    @RegisterExtension
    final TempCache cache = new TempCache();
    @TempDir
    Path dir;

    private static Workspace.Options options(boolean noCache) {
        LayerScanner.Options scan = LayerScanner.Options.DEFAULT.withTap(PackageCapture.all(
                PackageCapture.DEFAULT_MAX_FILE_BYTES, PackageCapture.DEFAULT_MAX_LAYER_BYTES));
        return new Workspace.Options(Optional.empty(), Optional.empty(), Limits.DEFAULT, scan, 2, noCache, false);
    }

    /** One run: the inventory of the archive's image, and how this run came by it. */
    private record Run(Inventory inventory, int hits, int built) {
    }

    private static Run run(Path archive, boolean noCache) throws Exception {
        try (Workspace ws = new Workspace(options(noCache))) {
            AnalysedImage image = ws.analyseOne(archive.toString());
            Inventory inventory = image.packages();
            return new Run(inventory, ws.inventories().hits(), ws.inventories().built());
        }
    }

    /** An Alpine image with trivy's apk database (testdata/packages/apk-fixtures, provenance in testdata/README.md). */
    private Path apkImage() throws IOException {
        return new ImageBuilder()
                .layer("ADD rootfs").file("etc/os-release", "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.4.0\n")
                .file("lib/libc.musl-x86_64.so.1", "musl").done()
                .layer("RUN apk add").file("lib/apk/db/installed",
                        Files.readAllBytes(Path.of("testdata/packages/apk-fixtures/trivy.installed")), 0644, 0, 0).done()
                .write(dir, "apk.docker.tar");
    }

    @ParameterizedTest
    @ValueSource(strings = {"testdata/packages/dpkg-layers.oci-archive.tar", "testdata/packages/rpm-layers.oci-archive.tar",
            "testdata/packages/distroless-status-d.oci-archive.tar", "testdata/packages/lang-packages.docker-save.tar",
            "testdata/advice/weakdeps.oci-archive.tar", "testdata/advice/toolchain.oci-archive.tar", "apk"})
    void aWarmRunTakesTheInventoryKeptAndItEqualsTheBuiltOne(String name) throws Exception {
        Path archive = name.equals("apk") ? apkImage() : Path.of(name);
        Inventory expected = run(archive, true).inventory();
        assertFalse(expected.packages().isEmpty(), name);
        assertEquals(List.of(), cache.entries("derived"), "--no-cache keeps nothing");

        Run cold = run(archive, false);
        assertEquals(new Run(expected, 0, 1), cold, "the first run builds it");
        assertEquals(1, cache.entries("derived").size(), "and keeps it");
        Run warm = run(archive, false);
        assertEquals(new Run(expected, 1, 0), warm, "the second takes it from the cache");
        assertEquals(expected.owners(), warm.inventory().owners());
        assertEquals(expected.findings(), warm.inventory().findings());
        assertSameRecords(expected, warm.inventory());
    }

    /** Package by package, the lists read back (decoded on first use) equal the built ones both ways, and hash alike. */
    private static void assertSameRecords(Inventory built, Inventory kept) {
        assertEquals(built.packages().size(), kept.packages().size());
        for (int i = 0; i < built.packages().size(); i++) {
            InstalledPackage a = built.packages().get(i);
            InstalledPackage b = kept.packages().get(i);
            List<List<String>> lists = List.of(a.files(), a.declared().files(), a.requiredBy(), a.recommendedBy(),
                    a.declared().depends(), a.declared().recommends(), a.declared().licenses(),
                    a.declared().ownedPrefixes());
            List<List<String>> back = List.of(b.files(), b.declared().files(), b.requiredBy(), b.recommendedBy(),
                    b.declared().depends(), b.declared().recommends(), b.declared().licenses(),
                    b.declared().ownedPrefixes());
            for (int l = 0; l < lists.size(); l++) {
                assertEquals(lists.get(l).size(), back.get(l).size(), a.label() + " list " + l);
                assertEquals(lists.get(l), back.get(l), a.label() + " list " + l);
                assertEquals(back.get(l), lists.get(l), a.label() + " list " + l);
                assertEquals(lists.get(l).hashCode(), back.get(l).hashCode(), a.label() + " list " + l);
            }
            assertEquals(a, b);
            assertEquals(b, a);
            assertEquals(a.hashCode(), b.hashCode());
        }
        assertEquals(built.hashCode(), kept.hashCode());
    }

    @Test
    void aDamagedEntryIsRefusedAndBuiltAgain() throws Exception {
        Path archive = Path.of("testdata/packages/dpkg-layers.oci-archive.tar");
        Inventory expected = run(archive, false).inventory();
        Path entry = cache.entries("derived").get(0);
        byte[] bytes = Files.readAllBytes(entry);
        bytes[bytes.length / 2] ^= 0x20;
        Files.write(entry, bytes);
        assertEquals(new Run(expected, 0, 1), run(archive, false), "a flipped byte fails the checksum");
        assertEquals(new Run(expected, 1, 0), run(archive, false), "and the entry was written anew");

        Files.write(cache.entries("derived").get(0), new byte[]{1, 2, 3});
        assertEquals(new Run(expected, 0, 1), run(archive, false), "a truncated entry too");
    }

    @Test
    void anEntryOfAnotherChainIsRefused() throws Exception {
        Path dpkg = Path.of("testdata/packages/dpkg-layers.oci-archive.tar");
        Path rpm = Path.of("testdata/packages/rpm-layers.oci-archive.tar");
        Inventory dpkgInventory = run(dpkg, false).inventory();
        Path dpkgEntry = cache.entries("derived").get(0);
        Inventory rpmInventory = run(rpm, false).inventory();
        assertNotEquals(dpkgInventory, rpmInventory);
        Path rpmEntry = cache.entries("derived").stream().filter(p -> !p.equals(dpkgEntry)).findFirst().orElseThrow();
        // the dpkg image's inventory, whole and checksummed, under the name of the rpm image's chain
        Files.copy(dpkgEntry, rpmEntry, StandardCopyOption.REPLACE_EXISTING);
        assertEquals(new Run(rpmInventory, 0, 1), run(rpm, false), "stored for another key: refused");
        assertEquals(new Run(rpmInventory, 1, 0), run(rpm, false));
        assertEquals(new Run(dpkgInventory, 1, 0), run(dpkg, false));
    }

    @Test
    void aPayloadThatDoesNotDecodeIsRefused() throws Exception {
        Path archive = Path.of("testdata/packages/dpkg-layers.oci-archive.tar");
        Inventory expected = run(archive, false).inventory();
        String key;
        try (Workspace ws = new Workspace(options(false))) {
            key = KeptInventories.key(ws.analyseOne(archive.toString()).image().layers(), options(false).scan()).orElseThrow();
        }
        // a whole, checksummed entry for the right key whose payload is not an inventory
        DerivedCache derived = new DerivedCache(cache.folder());
        derived.store(key, new byte[]{0, 0, 0, 1, 0x7f, 0x7f, 0x7f, 0x7f});
        assertEquals(1, derived.written());
        assertEquals(new Run(expected, 0, 1), run(archive, false));
        assertEquals(new Run(expected, 1, 0), run(archive, false), "refused, then written anew");
    }

    @Test
    void theKeyIsTheChainOfLayerKeysInOrder() throws Exception {
        Path archive = Path.of("testdata/packages/dpkg-layers.oci-archive.tar");
        try (Workspace ws = new Workspace(options(false))) {
            AnalysedImage image = ws.analyseOne(archive.toString());
            var refs = image.image().layers();
            String key = KeptInventories.key(refs, options(false).scan()).orElseThrow();
            int previous = -1;
            for (var ref : refs) {
                String layerKey = io.strata.layer.LayerLoader.cacheKey(ref, options(false).scan()).orElseThrow();
                assertTrue(key.indexOf(layerKey) > previous, key);
                previous = key.indexOf(layerKey);
            }
            assertTrue(refs.size() > 1);
            assertEquals(Optional.empty(), KeptInventories.key(refs, LayerScanner.Options.DEFAULT.withTap(
                    PackageCapture.all(1000, 1000))).filter(key::equals), "other limits: another key");
        }
    }

    @Test
    void theSameUnchangedFileServesTheInventoryWithoutLoadingALayer() throws Exception {
        Path archive = dir.resolve("dpkg.tar");
        Files.copy(Path.of("testdata/packages/dpkg-layers.oci-archive.tar"), archive);
        Inventory expected = run(archive, true).inventory();
        run(archive, false);
        try (Workspace ws = new Workspace(options(false))) {
            var a = ws.open(archive.toString());
            Inventory inventory = ws.packages(a, ws.select(a));
            assertEquals(expected, inventory);
            assertEquals(1, ws.inventories().sameFileHits());
            assertEquals(0, ws.loader().loads(), "no layer scan loaded, from the cache or the blob");
        }
        // another file with the same bytes: its layers are loaded (bound by hashing) and the kept inventory serves
        Path copy = Files.copy(archive, dir.resolve("copy.tar"));
        try (Workspace ws = new Workspace(options(false))) {
            var a = ws.open(copy.toString());
            assertEquals(expected, ws.packages(a, ws.select(a)));
            assertEquals(0, ws.inventories().sameFileHits());
            assertEquals(1, ws.inventories().hits());
            assertTrue(ws.loader().loads() > 0);
        }
        // the same file touched (its times change): no longer the same file; the layers are hashed again
        Files.setLastModifiedTime(archive, java.nio.file.attribute.FileTime.fromMillis(0));
        try (Workspace ws = new Workspace(options(false))) {
            var a = ws.open(archive.toString());
            assertEquals(expected, ws.packages(a, ws.select(a)));
            assertEquals(0, ws.inventories().sameFileHits());
            assertEquals(1, ws.inventories().hits());
        }
    }
}
