package io.strata.session;

import io.strata.advise.ImageFacts;
import io.strata.analysis.HistoryRow;
import io.strata.analysis.LayerAttribution;
import io.strata.analysis.DockerHistory;
import io.strata.analysis.ListedImage;
import io.strata.archive.ImageArchive;
import io.strata.archive.ImageEntry;
import io.strata.layer.EntryKind;
import io.strata.layer.LayerFileReader;
import io.strata.layer.LayerIndex;
import io.strata.layer.LayerScanner;
import io.strata.model.Finding;
import io.strata.packages.Inventory;
import io.strata.tree.FileTree;
import io.strata.tree.LayerStack;
import io.strata.tree.VisibleFile;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One chosen image of one archive, analysed: the resolved image (refs, platform, config, history, layer refs), its
 * layer indexes (scanned once per run by the workspace, shared with every other image and both sides of a diff),
 * the merged filesystem (stacked lazily, once), attribution (the layer and history step that own every path and
 * every hidden version), all findings, and the facts the advice rules read. What every command, the HTML report,
 * diff, advise and extract start from; none of them stacks layers itself.
 *
 * <p>Values another package derives from the whole image and more than one command needs (the package inventory)
 * are {@link Extension}s: computed on first use through {@link #extension}, then kept with the image.
 */
public final class AnalysedImage {
    /**
     * A value derived from an analysed image, computed at most once per image. Implementations are constants (the
     * instance is the key), e.g. {@code static final Extension<PackageInventory> PACKAGES = image -> ...}.
     */
    @FunctionalInterface
    public interface Extension<T> {
        T compute(AnalysedImage image) throws Exception;
    }

    private final ImageArchive archive;
    private final ImageEntry image;
    private final LayerStack stack;
    private final LayerScanner.Options scan;
    private final List<Optional<String>> createdBy;
    private final Map<Extension<?>, Object> extensions = new IdentityHashMap<>();
    private final KeptInventories inventories;
    private final List<Optional<String>> boundSources;

    AnalysedImage(ImageArchive archive, ImageEntry image, List<LayerIndex> layers, LayerScanner.Options scan,
                  KeptInventories inventories, List<Optional<String>> boundSources) {
        this.archive = archive;
        this.inventories = inventories;
        this.boundSources = List.copyOf(boundSources);
        this.image = image;
        this.stack = LayerStack.of(layers);
        this.scan = scan;
        this.createdBy = LayerAttribution.createdBy(image.config(), layers.size());
    }

    public ImageArchive archive() {
        return archive;
    }

    /** The resolved image: refs, platform, config (with its history), manifest and config digests, layer refs. */
    public ImageEntry image() {
        return image;
    }

    public String name() {
        return image.displayName();
    }

    /** The scanned layers, in manifest order. */
    public List<LayerIndex> layers() {
        return stack.layers();
    }

    /** The layers with their merged views (the whole stack and, for a layer's changes, its first layers). */
    public LayerStack stack() {
        return stack;
    }

    /** The merged filesystem: every path with the layer that owns it, every hidden version; stacked once. */
    public FileTree tree() {
        return stack.merged();
    }

    /** For each layer, the created_by of the history step that made it (empty when history is short). */
    public List<Optional<String>> createdBy() {
        return createdBy;
    }

    /** `docker history` rows, newest first. */
    public List<HistoryRow> history() {
        return DockerHistory.rows(new ListedImage(image, layers().stream().map(Optional::of).toList()));
    }

    /**
     * What reading the archive, resolving the image, scanning the layers and stacking them met on the way: the
     * archive's findings, the image's, each layer's (tagged with its layer), then the merge's.
     */
    public List<Finding> findings() {
        List<Finding> findings = new ArrayList<>(archive.findings());
        findings.addAll(image.findings());
        findings.addAll(tree().allFindings());
        return findings;
    }

    /** The scanning limits the layers were read under: what a second read of a blob must respect too. */
    public LayerScanner.Options scanOptions() {
        return scan;
    }

    /** Layer {@code layer}'s stored blob, as the archive holds it (compressed or not). */
    public InputStream openLayer(int layer) throws IOException {
        return archive.openLayer(image.layers().get(layer));
    }

    /**
     * The bytes of a regular file as the layer that wrote its visible version stores them, read again from the
     * blob through the scanner's guards; empty when larger than {@code maxBytes} or the layer cannot be read again.
     */
    public Optional<byte[]> read(VisibleFile file, int maxBytes) {
        if (file.kind() != EntryKind.FILE || file.entry() < 0) return Optional.empty();
        try {
            return LayerFileReader.read(openLayer(file.layer()), layers().get(file.layer()), file.entry(), maxBytes,
                    scan);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** What the advice rules read: the tree, the history, the installed packages; gathered once. */
    public ImageFacts adviceFacts() {
        return computed(AdviceInputs.FACTS);
    }

    /**
     * The installed packages (every ecosystem), each with the layer that installed it; computed once, or taken from
     * the cache when an earlier run built it from these very layer bytes (see {@link KeptInventories}).
     */
    public Inventory packages() {
        return computed(PACKAGES);
    }

    /** An extension whose computation throws no checked exception. */
    private <T> T computed(Extension<T> key) {
        try {
            return extension(key);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final Extension<Inventory> PACKAGES = image -> image.inventories.of(image, image.boundSources);

    /** The image's value of {@code key}, computed on first use and kept (see {@link Extension}). */
    @SuppressWarnings("unchecked")
    public synchronized <T> T extension(Extension<T> key) throws Exception {
        if (!extensions.containsKey(key)) extensions.put(key, key.compute(this));
        return (T) extensions.get(key);
    }
}
