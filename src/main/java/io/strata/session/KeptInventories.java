package io.strata.session;

import io.strata.analysis.LayerAttribution;
import io.strata.archive.ImageArchive;
import io.strata.archive.ImageEntry;
import io.strata.archive.LayerRef;
import io.strata.cache.DerivedCache;
import io.strata.layer.LayerIndex;
import io.strata.layer.LayerLoader;
import io.strata.layer.LayerScanner;
import io.strata.model.Digest;
import io.strata.packages.Inventory;
import io.strata.packages.InventoryCodec;
import io.strata.packages.PackageInventory;
import io.strata.packages.PackageLayer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Package inventories kept between runs, so a warm `packages` or `sbom` neither stacks the layers nor parses a
 * database: the finished inventory of an image is stored beside the layer scans, keyed by its chain of layers (each
 * layer's cache key in order: claimed diffId and stored blob, scanning limits, scanner and capture code) and the
 * code that builds inventories.
 *
 * <p>A hit is bound to the bytes it was built from, as a layer hit is, never to what an archive claims. The entry
 * records, for every layer, the SHA-256, length and diffId of the stored blob it was built from (the figures of
 * the layer as that run loaded it: scanned from its blob, or a layer hit already bound to those bytes) and the
 * stored file it was read from (device, inode, size, times, the blob's place in it) when that file did not change
 * while the run read it. An entry is served when every layer's blob is in that same file, unchanged, at the same
 * place (then not even the layer scans are loaded), or else when the layers this run loaded (each bound to this
 * archive's bytes by the layer cache's rule) have exactly the recorded figures. So an archive that claims
 * another's diffIds with other bytes builds its own inventory. Nothing is kept for an image with a layer whose
 * bytes differ from its claims, as its scan is not.
 */
final class KeptInventories {
    private final Optional<DerivedCache> cache;
    private final LayerScanner.Options scan;
    private final AtomicInteger hits = new AtomicInteger();
    private final AtomicInteger sameFileHits = new AtomicInteger();
    private final AtomicInteger built = new AtomicInteger();

    KeptInventories(Optional<DerivedCache> cache, LayerScanner.Options scan) {
        this.cache = cache;
        this.scan = scan;
    }

    /** One layer as an inventory was built from it: its stored blob's figures and, when known, the file holding it. */
    record Binding(Optional<String> source, Digest blobDigest, long storedBytes, Digest diffId) {
    }

    /** A kept entry: what each layer was, and where in the entry's bytes the inventory lies. */
    private record Kept(List<Binding> layers, byte[] entry, int inventoryAt, int inventoryLength) {
    }

    /** Whether a cache is there to keep inventories (so the layers' sources are worth noting before they are read). */
    boolean enabled() {
        return cache.isPresent();
    }

    /**
     * The inventory kept for this image when every one of its layers is stored in the very file, unchanged and at the
     * same place, that the inventory was built from: no layer is loaded. Empty otherwise (the caller analyses).
     */
    Optional<Inventory> fromSameFiles(ImageArchive archive, ImageEntry image) {
        Optional<String> key = cache.isPresent() ? key(image.layers(), scan) : Optional.empty();
        if (key.isEmpty()) return Optional.empty();
        Optional<Kept> kept = find(key.get(), image.layers().size());
        if (kept.isEmpty()) return Optional.empty();
        List<LayerRef> refs = image.layers();
        for (int i = 0; i < refs.size(); i++) {
            Binding b = kept.get().layers().get(i);
            if (b.source().isEmpty() || !archive.identity(refs.get(i)).equals(b.source())) return Optional.empty();
            // the key holds the claimed diffId; the recorded one is the bytes' own, equal when the entry was made
            if (!refs.get(i).configDiffId().equals(Optional.of(b.diffId()))) return Optional.empty();
        }
        List<Digest> diffIds = kept.get().layers().stream().map(Binding::diffId).toList();
        Optional<Inventory> inventory = decode(key.get(), kept.get(), diffIds,
                LayerAttribution.createdBy(image.config(), refs.size()));
        inventory.ifPresent(i -> sameFileHits.incrementAndGet());
        return inventory;
    }

    /**
     * The analysed image's inventory: the one kept for these very layer bytes, else built from its merged tree (and
     * then kept). {@code sources} are the layers' stored files as noted before the run loaded them.
     */
    Inventory of(AnalysedImage image, List<Optional<String>> sources) {
        List<LayerRef> refs = image.image().layers();
        List<LayerIndex> loaded = image.layers();
        Optional<String> key = cache.isPresent() && refs.size() == loaded.size() ? key(refs, scan) : Optional.empty();
        List<Digest> diffIds = loaded.stream().map(l -> l.totals().diffId()).toList();
        if (key.isPresent()) {
            Optional<Kept> kept = find(key.get(), refs.size());
            if (kept.isPresent() && sameBytes(kept.get().layers(), loaded)) {
                Optional<Inventory> inventory = decode(key.get(), kept.get(), diffIds, image.createdBy());
                if (inventory.isPresent()) return inventory.get();
            }
        }
        Inventory inventory = PackageInventory.of(image.tree(), image.createdBy());
        built.incrementAndGet();
        if (key.isPresent() && claimsHold(refs, loaded)) {
            List<Binding> bindings = new ArrayList<>();
            for (int i = 0; i < refs.size(); i++) {
                LayerIndex.Totals t = loaded.get(i).totals();
                // bound to the file only when it did not change while this run read it
                Optional<String> before = i < sources.size() ? sources.get(i) : Optional.empty();
                Optional<String> now = image.archive().identity(refs.get(i));
                Optional<String> source = before.filter(s -> now.equals(Optional.of(s)));
                bindings.add(new Binding(source, t.blobDigest(), t.compressedBytes(), t.diffId()));
            }
            encode(bindings, InventoryCodec.encode(inventory)).ifPresent(bytes -> cache.get().store(key.get(), bytes));
        }
        return inventory;
    }

    /** How many inventories this run took from the cache (without loading the layers, or after), and how many it built. */
    int hits() {
        return hits.get();
    }

    int sameFileHits() {
        return sameFileHits.get();
    }

    int built() {
        return built.get();
    }

    /** The chain key of these layers: each one's cache key, in order, after the inventory code's fingerprint. */
    static Optional<String> key(List<LayerRef> refs, LayerScanner.Options scan) {
        StringBuilder key = new StringBuilder(PackageInventory.codeFingerprint());
        for (int i = 0; i < refs.size(); i++) {
            Optional<String> layerKey = LayerLoader.cacheKey(refs.get(i), scan);
            if (layerKey.isEmpty()) return Optional.empty();
            key.append("\nlayer ").append(i).append(' ').append(layerKey.get());
        }
        return Optional.of(key.toString());
    }

    /** Every layer's bytes are what its claims say (so its scan is kept too); otherwise nothing is kept. */
    private static boolean claimsHold(List<LayerRef> refs, List<LayerIndex> loaded) {
        for (int i = 0; i < refs.size(); i++) {
            if (!LayerLoader.matchesClaims(loaded.get(i).totals(), refs.get(i))) return false;
        }
        return true;
    }

    /** The loaded layers, each bound to this archive's bytes, are the ones the entry was built from. */
    private static boolean sameBytes(List<Binding> kept, List<LayerIndex> loaded) {
        for (int i = 0; i < loaded.size(); i++) {
            LayerIndex.Totals t = loaded.get(i).totals();
            Binding b = kept.get(i);
            if (!b.blobDigest().equals(t.blobDigest()) || b.storedBytes() != t.compressedBytes()
                    || !b.diffId().equals(t.diffId())) {
                return false;
            }
        }
        return true;
    }

    private Optional<Inventory> decode(String key, Kept kept, List<Digest> diffIds, List<Optional<String>> createdBy) {
        List<PackageLayer> layers = new ArrayList<>();
        for (int l = 0; l < diffIds.size(); l++) {
            layers.add(new PackageLayer(l, diffIds.get(l), l < createdBy.size() ? createdBy.get(l) : Optional.empty()));
        }
        Optional<Inventory> inventory = InventoryCodec.decode(kept.entry(), kept.inventoryAt(), kept.inventoryLength(), layers);
        if (inventory.isEmpty()) cache.get().reject(key);
        else hits.incrementAndGet();
        return inventory;
    }

    /** The entry for {@code key} when it is well formed for {@code layers} layers; a malformed one is refused. */
    private Optional<Kept> find(String key, int layers) {
        Optional<DerivedCache.Payload> payload = cache.get().find(key);
        if (payload.isEmpty()) return Optional.empty();
        Optional<Kept> kept = decodeKept(payload.get(), layers);
        if (kept.isEmpty()) cache.get().reject(key);
        return kept;
    }

    private static Optional<byte[]> encode(List<Binding> layers, byte[] inventory) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(inventory.length + 256 * layers.size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(layers.size());
            for (Binding b : layers) {
                out.writeBoolean(b.source().isPresent());
                if (b.source().isPresent()) out.writeUTF(b.source().get());
                out.writeUTF(b.blobDigest().toString());
                out.writeLong(b.storedBytes());
                out.writeUTF(b.diffId().toString());
            }
            out.write(inventory);
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // a source too long for writeUTF: the inventory is built each run
        }
        return Optional.of(bytes.toByteArray());
    }

    private static Optional<Kept> decodeKept(DerivedCache.Payload payload, int layers) {
        ByteArrayInputStream rest = new ByteArrayInputStream(payload.entry(), payload.offset(), payload.length());
        try (DataInputStream in = new DataInputStream(rest)) {
            if (in.readInt() != layers) return Optional.empty();
            List<Binding> bindings = new ArrayList<>();
            for (int i = 0; i < layers; i++) {
                Optional<String> source = in.readBoolean() ? Optional.of(in.readUTF()) : Optional.empty();
                Digest blob = Digest.parse(in.readUTF());
                long size = in.readLong();
                bindings.add(new Binding(source, blob, size, Digest.parse(in.readUTF())));
            }
            // the inventory is decoded in place, not copied out
            int left = rest.available();
            return Optional.of(new Kept(bindings, payload.entry(), payload.offset() + payload.length() - left, left));
        } catch (IOException | RuntimeException malformed) {
            return Optional.empty();
        }
    }
}
