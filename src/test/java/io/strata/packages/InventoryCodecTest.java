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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The inventory as the cache keeps it: it comes back equal, and damaged bytes are refused, never thrown or half read. */
class InventoryCodecTest {
    private static Inventory apk() throws Exception {
        byte[] db = Files.readAllBytes(Path.of("testdata/packages/apk-fixtures/trivy.installed"));
        return PackageInventoryTest.inventory(
                LayerTar.create().file("etc/os-release", "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.4.0\n")
                        .file("lib/libc.musl-x86_64.so.1", "musl"),
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
}
