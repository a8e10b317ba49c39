package io.strata.session;

import io.strata.analysis.ImageSelector;
import io.strata.analysis.ListedImage;
import io.strata.analysis.SelectionException;
import io.strata.archive.ArchiveException;
import io.strata.archive.ImageArchive;
import io.strata.archive.ImageArchives;
import io.strata.archive.ImageEntry;
import io.strata.archive.LayerRef;
import io.strata.archive.Limits;
import io.strata.cache.CacheMaintenance;
import io.strata.cache.DerivedCache;
import io.strata.cache.LayerCache;
import io.strata.cache.LightRuns;
import io.strata.layer.LayerException;
import io.strata.layer.LayerIndex;
import io.strata.layer.LayerLoader;
import io.strata.layer.LayerScanner;
import io.strata.layer.ScanCache;
import io.strata.model.Platform;
import io.strata.packages.Inventory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What one command run works on: the opened archives and one layer loader, so every layer blob is scanned
 * at most once per run whatever the command asks for. It hands out {@link AnalysedImage}s.
 */
public final class Workspace implements AutoCloseable {
    /**
     * What the user chose and the limits that guard against hostile input, as plain values (the CLI fills them
     * from its options). {@code platform} is the text as given; it is parsed when an image is chosen.
     */
    public record Options(Optional<String> image, Optional<String> platform, Limits limits,
                          LayerScanner.Options scan, int threads, boolean noCache, boolean recursive,
                          Consumer<String> warnings) {
        public static final Options DEFAULT = new Options(Optional.empty(), Optional.empty(), Limits.DEFAULT,
                LayerScanner.Options.DEFAULT, Runtime.getRuntime().availableProcessors(), false, false);

        /** Warnings (a layer whose bytes differ from its claims) go to standard error. */
        public Options(Optional<String> image, Optional<String> platform, Limits limits, LayerScanner.Options scan,
                       int threads, boolean noCache, boolean recursive) {
            this(image, platform, limits, scan, threads, noCache, recursive, Options::toStandardError);
        }

        private static void toStandardError(String warning) {
            System.err.println("strata: warning: " + warning);
        }

        /** The same choices, warnings said to {@code sink} (one line each, as they are found). */
        public Options withWarnings(Consumer<String> sink) {
            return new Options(image, platform, limits, scan, threads, noCache, recursive, sink);
        }

        /** The --platform choice, parsed. */
        public Optional<Platform> parsedPlatform() throws SelectionException {
            if (platform.isEmpty()) return Optional.empty();
            try {
                return Optional.of(Platform.parse(platform.get()));
            } catch (IllegalArgumentException e) {
                throw new SelectionException("--platform: " + e.getMessage());
            }
        }

        /** " --image X --platform Y" as far as given: what a message about the choice repeats. */
        public String filters() throws SelectionException {
            return image.map(i -> " --image " + i).orElse("")
                    + parsedPlatform().map(p -> " --platform " + p).orElse("");
        }
    }

    private final Options options;
    private final List<ImageArchive> archives = new ArrayList<>();
    private final Optional<LayerCache> cache;
    private final Optional<DerivedCache> derived;
    private final KeptInventories inventories;
    private final LayerLoader loader;

    /** A workspace that takes layers it scanned in earlier runs from the layer cache (unless noCache). */
    public Workspace(Options options) {
        this(options, true);
    }

    /** A workspace that scans every layer from its blob: for commands that check or pass on stored bytes. */
    public static Workspace uncached(Options options) {
        return new Workspace(options, false);
    }

    private Workspace(Options options, boolean cacheAllowed) {
        this.options = options;
        this.cache = cacheAllowed && !options.noCache() ? LayerCache.openDefault() : Optional.empty();
        this.derived = cache.map(c -> new DerivedCache(c.root()));
        this.inventories = new KeptInventories(derived, options.scan());
        this.loader = new LayerLoader(options.scan(), options.threads(),
                cache.<ScanCache>map(c -> c).orElse(ScanCache.NONE), LayerLoader.DEFAULT_KEPT_BYTES, options.warnings());
    }

    public Options options() {
        return options;
    }

    public ImageArchive open(String path) throws ArchiveException {
        ImageArchive a = ImageArchives.open(path, options.limits());
        archives.add(a);
        return a;
    }

    public List<ImageArchive> archives() {
        return archives;
    }

    /** The package inventories this run built or took from the cache. */
    KeptInventories inventories() {
        return inventories;
    }

    public LayerLoader loader() {
        return loader;
    }

    /** Every mismatch between a layer's claims and its bytes that this run's scans found (also said on stderr). */
    public List<io.strata.model.Finding> integrityFindings() {
        return loader.integrityFindings();
    }

    /** The one image the options choose in an archive, or a SelectionException saying how to choose. */
    public ImageEntry select(ImageArchive archive) throws SelectionException {
        return ImageSelector.one(archive.label(), archive.images(), options.image(), options.parsedPlatform());
    }

    /** The archive at {@code path}, the image the options choose in it, scanned: what one-image commands read. */
    public AnalysedImage analyseOne(String path) throws ArchiveException, SelectionException, LayerException {
        ImageArchive a = open(path);
        return analyse(a, select(a));
    }

    public List<ImageEntry> selectAll(ImageArchive archive) throws SelectionException {
        List<ImageEntry> found = ImageSelector.matching(archive.images(), options.image(), options.parsedPlatform());
        if (found.isEmpty()) {
            throw new SelectionException(archive.label() + ": no image matches; found "
                    + ImageSelector.describe(archive.images()));
        }
        return found;
    }

    /** Every entry of the archive the options name, artifacts included (what `inspect` lists). */
    public List<ImageEntry> listAll(ImageArchive archive) throws SelectionException {
        List<ImageEntry> found = ImageSelector.listed(archive.images(), options.image(), options.parsedPlatform());
        if (found.isEmpty()) {
            throw new SelectionException(archive.label() + ": no image matches" + options.filters()
                    + "; found " + ImageSelector.describe(archive.images()));
        }
        return found;
    }

    /**
     * An image read as far as possible: the layers whose blobs are present are scanned (each once per run), a
     * missing blob is left empty (the archive's findings say so). An artifact's blobs are not filesystem layers
     * and are never scanned.
     */
    public ListedImage list(ImageArchive archive, ImageEntry image) throws LayerException {
        List<Optional<LayerIndex>> layers = new ArrayList<>();
        boolean filesystem = image.kind() == ImageEntry.Kind.IMAGE;
        List<LayerRef> present = filesystem ? image.layers().stream().filter(LayerRef::present).toList() : List.of();
        List<LayerIndex> scanned = loader.load(archive, present);
        int next = 0;
        for (LayerRef ref : image.layers()) {
            layers.add(filesystem && ref.present() ? Optional.of(scanned.get(next++)) : Optional.empty());
        }
        return new ListedImage(image, layers);
    }

    /** The image with every layer scanned (each layer once per run, whatever asks); its merged view comes lazily. */
    public AnalysedImage analyse(ImageArchive archive, ImageEntry image) throws LayerException {
        for (var ref : image.layers()) {
            if (!ref.present()) {
                throw new LayerException(archive.label() + ": layer " + ref.index() + " (" + ref.blobKey()
                        + ") of " + image.displayName() + " is not in the archive");
            }
        }
        List<LayerIndex> layers = loader.load(archive, image.layers());
        return new AnalysedImage(archive, image, layers, options.scan(), inventories,
                inventories.enabled() ? boundSources(archive, image) : List.of());
    }

    /**
     * The package inventory of the image: the one an earlier run kept for these very layer bytes, without loading a
     * layer when every blob is in the same unchanged file it was built from; else the analysed image's (which takes
     * it from the cache when the loaded layers are the bytes it was built from, or builds it). What `packages` and
     * `sbom` read.
     */
    public Inventory packages(ImageArchive archive, ImageEntry image) throws LayerException {
        Optional<Inventory> kept = inventories.fromSameFiles(archive, image);
        return kept.isPresent() ? kept.get() : analyse(archive, image).packages();
    }

    /** The stored files the loaded layers of the image are bound to (see {@link LayerLoader#boundSource}). */
    List<Optional<String>> boundSources(ImageArchive archive, ImageEntry image) {
        return image.layers().stream().map(ref -> loader.boundSource(archive, ref)).toList();
    }

    @Override
    public void close() {
        loader.close();
        // a run that added entries keeps the cache under its size bound, least recently used out first
        if (cache.isPresent() && cache.get().written() + derived.map(DerivedCache::written).orElse(0) > 0) {
            try {
                CacheMaintenance.trim(cache.get().root(), CacheMaintenance.DEFAULT_MAX_BYTES);
            } catch (IOException ignored) {
                // the cache only saves time; `strata cache prune` can tidy it later
            }
        }
        // the launcher starts the next run of this command on these files with the quick compiler when this one
        // read no blob: everything came from the cache, bound to the same unchanged files
        if (cache.isPresent() && !archives.isEmpty()) {
            boolean light = loader.scans() == 0 && loader.hashedHits() == 0 && loader.sharedHits() == 0
                    && inventories.built() == 0;
            LightRuns.record(cache.get().root(), archives.stream().map(ImageArchive::label).toList(), light);
        }
        for (ImageArchive a : archives) {
            try {
                a.close();
            } catch (IOException ignored) {
                // closing a read-only file
            }
        }
    }
}
