package io.strata.packages;

import io.strata.model.Digest;
import io.strata.model.Finding;
import io.strata.testing.LayerTar;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The inventory as the cache keeps it: it comes back equal, and damaged bytes are refused, never thrown or half read. */
class InventoryCodecTest {
    private static Inventory apk() throws Exception {
        byte[] db = Files.readAllBytes(Path.of("testdata/packages/apk-fixtures/trivy.installed"));
        return PackageInventoryTest.inventory(
                LayerTar.create().file("etc/os-release", "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.4.0\n")
                        .file("lib/libc.musl-x86_64.so.1", "musl").file("lib/ld-musl-x86_64.so.1", "ld")
                        .file("bin/busybox", "busybox"),
                LayerTar.create().file("lib/apk/db/installed", db, 0644, 0, 0));
    }

    private static List<PackageLayer> layers(Inventory inventory, int count) {
        List<PackageLayer> out = new ArrayList<>();
        for (int l = 0; l < count; l++) {
            int index = l;
            out.add(inventory.packages().stream().flatMap(p -> java.util.stream.Stream.of(p.layer(), p.lastChangedLayer()))
                    .filter(x -> x.index() == index).findFirst()
                    .orElse(new PackageLayer(index, Digest.sha256(new byte[32]), Optional.empty())));
        }
        return out;
    }

    @Test
    void anInventoryComesBackEqual() throws Exception {
        Inventory inventory = apk();
        assertFalse(inventory.packages().isEmpty());
        assertFalse(inventory.findings().isEmpty(), "trivy's fixture holds an entry without a version");
        byte[] bytes = InventoryCodec.encode(inventory);
        Inventory back = InventoryCodec.decode(bytes, layers(inventory, 2)).orElseThrow();
        assertEquals(inventory, back);
        assertEquals(inventory.owners(), back.owners());
    }

    @Test
    void anyStringComesBackExactly() {
        String odd = "\ud800 lone surrogate, \u0000 NUL, \u00e9, " + "x".repeat(70_000);
        DeclaredPackage d = new DeclaredPackage(Ecosystem.NPM, odd, "1", Optional.empty(), Optional.of(odd), List.of(odd),
                "/app/" + odd, List.of("/app/a"), List.of(odd), List.of(), Optional.of(true), true, List.of("/app/"));
        PackageLayer layer = new PackageLayer(0, Digest.sha256(new byte[32]), Optional.of("RUN npm ci"));
        Inventory inventory = Inventory.of(List.of(new InstalledPackage(d, "", layer, layer, List.of("/app/a"), 5, 0,
                List.of(odd), List.of())), List.of(new Finding(Finding.Severity.WARNING, "x", Optional.of(0),
                Optional.of(odd), odd)));
        assertEquals(Optional.of(inventory), InventoryCodec.decode(InventoryCodec.encode(inventory), List.of(layer)));
    }

    @Test
    void damagedBytesAreRefused() throws Exception {
        Inventory inventory = apk();
        byte[] bytes = InventoryCodec.encode(inventory);
        List<PackageLayer> layers = layers(inventory, 2);
        for (int cut = 0; cut < bytes.length; cut += Math.max(1, bytes.length / 997)) {
            assertEquals(Optional.empty(), InventoryCodec.decode(Arrays.copyOf(bytes, cut), layers), "cut at " + cut);
        }
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertEquals(Optional.empty(), InventoryCodec.decode(longer, layers), "a byte too many");
        assertEquals(Optional.empty(), InventoryCodec.decode(bytes, layers.subList(0, 1)), "a layer the image does not have");
        Random random = new Random(13);
        for (int i = 0; i < 2000; i++) {
            byte[] flipped = bytes.clone();
            flipped[random.nextInt(flipped.length)] = (byte) random.nextInt(256);
            // a flip inside a string's chars still decodes (the cache's checksum is what catches it); nothing throws
            Optional<Inventory> read = InventoryCodec.decode(flipped, layers);
            assertTrue(read.isEmpty() || read.get().packages().size() == inventory.packages().size());
        }
        byte[] huge = bytes.clone();
        huge[4] = 0x7f; // the package count: far more than the bytes could hold
        assertEquals(Optional.empty(), InventoryCodec.decode(huge, layers));
    }

    /** Where the file list of the first package with files starts in the encoded bytes: its count, then its strings. */
    private static int fileListAt(byte[] bytes, List<String> files) {
        // the list as putList wrote it: count, then each path's length and UTF-8 bytes (testdata paths are ASCII)
        java.io.ByteArrayOutputStream list = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream out = new java.io.DataOutputStream(list);
        try {
            out.writeInt(files.size());
            for (String f : files) {
                byte[] utf8 = f.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.writeInt(utf8.length);
                out.write(utf8);
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        byte[] wanted = list.toByteArray();
        for (int at = 0; at + wanted.length <= bytes.length; at++) {
            if (Arrays.equals(bytes, at, at + wanted.length, wanted, 0, wanted.length)) return at;
        }
        throw new AssertionError("file list not found");
    }

    @Test
    void aFileListWhoseFramingIsDamagedIsRefusedWhenRead() throws Exception {
        Inventory inventory = apk();
        byte[] bytes = InventoryCodec.encode(inventory);
        List<PackageLayer> layers = layers(inventory, 2);
        List<String> files = inventory.packages().stream().map(InstalledPackage::files).filter(f -> f.size() > 1)
                .findFirst().orElseThrow();
        int at = fileListAt(bytes, files);
        int secondLength = at + 4 + 4 + files.get(0).length();
        for (int value : new int[]{Integer.MAX_VALUE, bytes.length, -1 - bytes.length, Integer.MIN_VALUE, -2}) {
            byte[] damaged = bytes.clone();
            java.nio.ByteBuffer.wrap(damaged).putInt(secondLength, value);
            // refused by decode itself, before any list is handed out: a lazily decoded list never fails later
            assertEquals(Optional.empty(), InventoryCodec.decode(damaged, layers), "a path's length of " + value);
        }
        byte[] cut = Arrays.copyOf(bytes, secondLength + 2);
        assertEquals(Optional.empty(), InventoryCodec.decode(cut, layers), "cut inside a path's length");
        byte[] moreFiles = bytes.clone();
        java.nio.ByteBuffer.wrap(moreFiles).putInt(at, files.size() + 1);
        assertEquals(Optional.empty(), InventoryCodec.decode(moreFiles, layers), "one path more than written");
    }

    @Test
    void visibleFilesNameTheDeclaredOnesTheyRepeatAndComeBackExactly() throws Exception {
        // declared twice over, out of order, and visible files the database does not declare (through /bin -> usr/bin)
        List<String> declared = List.of("/usr/bin/a", "/bin/b", "/usr/share/doc/a", "/usr/bin/a", "/\ud800odd");
        List<String> visible = List.of("/usr/share/doc/a", "/usr/bin/b", "/usr/bin/a", "/\ud800odd", "/usr/bin/c");
        DeclaredPackage d = new DeclaredPackage(Ecosystem.DEB, "a", "1", Optional.empty(), Optional.empty(), List.of(),
                "/var/lib/dpkg/status", declared, List.of(), List.of(), Optional.empty(), false);
        PackageLayer layer = new PackageLayer(0, Digest.sha256(new byte[32]), Optional.empty());
        Inventory inventory = Inventory.of(List.of(new InstalledPackage(d, "pkg:deb/a@1", layer, layer, visible, 9, 0,
                List.of(), List.of())), List.of());
        byte[] bytes = InventoryCodec.encode(inventory);
        Inventory back = InventoryCodec.decode(bytes, List.of(layer)).orElseThrow();
        assertEquals(visible, back.packages().get(0).files());
        assertEquals(declared, back.packages().get(0).declared().files());
        assertEquals(inventory, back);
        // the visible files: count 5, then position 2, -1 "/usr/bin/b", position 0, position 4, -1 "/usr/bin/c"
        java.nio.ByteBuffer tail = java.nio.ByteBuffer.wrap(bytes);
        int at = -1;
        for (int i = 0; i + 12 <= bytes.length; i++) {
            if (tail.getInt(i) == 5 && tail.getInt(i + 4) == 2 && tail.getInt(i + 8) == -1) at = i;
        }
        assertTrue(at > 0, "the visible files refer to the declared ones");
        for (int bad : new int[]{5, 6, Integer.MAX_VALUE, -2, Integer.MIN_VALUE}) {
            byte[] damaged = bytes.clone();
            java.nio.ByteBuffer.wrap(damaged).putInt(at + 4, bad);
            assertEquals(Optional.empty(), InventoryCodec.decode(damaged, List.of(layer)), "position " + bad);
        }
        byte[] lyingLength = bytes.clone();
        java.nio.ByteBuffer.wrap(lyingLength).putInt(at + 12, bytes.length);
        assertEquals(Optional.empty(), InventoryCodec.decode(lyingLength, List.of(layer)), "a path longer than the bytes");
    }

    @Test
    void listsAreDecodedOnFirstUseAndEqualTheWrittenOnes() throws Exception {
        Inventory inventory = apk();
        byte[] bytes = InventoryCodec.encode(inventory);
        byte[] framed = new byte[bytes.length + 11];
        System.arraycopy(bytes, 0, framed, 7, bytes.length);
        Inventory back = InventoryCodec.decode(framed, 7, bytes.length, layers(inventory, 2)).orElseThrow();
        InstalledPackage withFiles = back.packages().stream().filter(p -> p.files().size() > 1).findFirst().orElseThrow();
        DecodedStrings files = (DecodedStrings) withFiles.files();
        assertFalse(files.decoded(), "decoding the inventory decodes no path");
        int count = files.size();
        assertFalse(files.decoded(), "nor does counting them");
        assertTrue(count > 1);
        assertFalse(((DecodedStrings) withFiles.declared().files()).decoded());
        for (int i = 0; i < inventory.packages().size(); i++) {
            InstalledPackage a = inventory.packages().get(i);
            InstalledPackage b = back.packages().get(i);
            for (List<List<String>> pair : List.of(List.of(a.files(), b.files()), List.of(a.declared().files(),
                    b.declared().files()), List.of(a.requiredBy(), b.requiredBy()), List.of(a.declared().depends(),
                    b.declared().depends()), List.of(a.declared().licenses(), b.declared().licenses()))) {
                List<String> eager = pair.get(0);
                List<String> lazy = pair.get(1);
                assertEquals(eager, lazy);
                assertEquals(lazy, eager);
                assertEquals(eager.hashCode(), lazy.hashCode());
                assertEquals(eager.toString(), lazy.toString());
                assertEquals(eager, new ArrayList<>(lazy));
                assertEquals(eager, List.copyOf(lazy));
            }
            assertEquals(a, b);
            assertEquals(a.hashCode(), b.hashCode());
        }
        assertTrue(files.decoded());
        // a record made from decoded lists keeps them as they are (immutable) rather than decoding them to copy
        InstalledPackage same = new InstalledPackage(withFiles.declared(), withFiles.purl(), withFiles.layer(),
                withFiles.lastChangedLayer(), withFiles.files(), withFiles.bytes(), withFiles.hiddenBytes(),
                withFiles.requiredBy(), withFiles.recommendedBy());
        assertTrue(same.files() == withFiles.files());
        assertThrows(UnsupportedOperationException.class, () -> withFiles.files().add("/x"));
        assertThrows(UnsupportedOperationException.class, () -> withFiles.files().set(0, "/x"));
        assertThrows(UnsupportedOperationException.class, () -> withFiles.files().remove(0));
        assertThrows(UnsupportedOperationException.class, () -> withFiles.files().iterator().remove());
        assertEquals(inventory.owners(), back.owners());
    }

    @Test
    void theOwnersAreBuiltOnceWhenManyThreadsAskAtOnce() throws Exception {
        Inventory inventory = InventoryCodec.decode(InventoryCodec.encode(apk()), layers(apk(), 2)).orElseThrow();
        String path = inventory.packages().stream().flatMap(p -> p.files().stream()).findFirst().orElseThrow();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<java.util.Map<String, InstalledPackage>>> asked = new ArrayList<>();
            for (int i = 0; i < 16; i++) asked.add(pool.submit(inventory::owners));
            for (var f : asked) assertTrue(f.get() == inventory.owners(), "one map, built once");
        } finally {
            pool.shutdown();
        }
        assertTrue(inventory.ownerOf(path.substring(1)).isPresent());
        assertThrows(UnsupportedOperationException.class, () -> inventory.owners().clear());
    }
}
