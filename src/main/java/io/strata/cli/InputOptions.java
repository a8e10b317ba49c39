package io.strata.cli;

import io.strata.archive.Limits;
import io.strata.layer.LayerScanner;
import io.strata.model.Platform;
import io.strata.packages.PackageCapture;
import picocli.CommandLine.Option;

import java.util.Optional;

/** Image choice and the limits that guard against hostile input; shared by commands that read archives. */
public class InputOptions {
    @Option(names = "--image", paramLabel = "REF", description = "Image to analyse: tag, digest (prefix) or position in the archive.")
    public String image;

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", description = "Platform to analyse in a multi-platform index.")
    public String platform;

    @Option(names = "--max-json-bytes", paramLabel = "N", defaultValue = "16777216",
            description = "Largest manifest/config/index JSON accepted (default: ${DEFAULT-VALUE}).")
    public long maxJsonBytes;

    @Option(names = "--max-spool-bytes", paramLabel = "N", defaultValue = "68719476736",
            description = "Largest decompressed size of a compressed archive or stdin (default: ${DEFAULT-VALUE}).")
    public long maxSpoolBytes;

    @Option(names = "--max-layer-entries", paramLabel = "N", defaultValue = "10000000",
            description = "Most tar entries accepted in one layer (default: ${DEFAULT-VALUE}).")
    public long maxLayerEntries;

    @Option(names = "--max-inflate-ratio", paramLabel = "N", defaultValue = "1000",
            description = "Abort a layer that inflates past 1 GiB at more than N times its stored size; 0 disables (default: ${DEFAULT-VALUE}).")
    public long maxInflateRatio;

    @Option(names = "--max-path-bytes", paramLabel = "N", defaultValue = "65536",
            description = "Longest entry name accepted in a layer; PAX and GNU long-name records over max(1 MiB, 4 x N) are refused (default: ${DEFAULT-VALUE}).")
    public int maxPathBytes;

    @Option(names = "--max-outer-entries", paramLabel = "N", defaultValue = "1000000",
            description = "Most entries accepted in the archive's own tar (default: ${DEFAULT-VALUE}).")
    public long maxOuterEntries;

    @Option(names = "--max-index-depth", paramLabel = "N", defaultValue = "8",
            description = "Deepest nesting of image indexes followed (default: ${DEFAULT-VALUE}).")
    public int maxIndexDepth;

    @Option(names = "--max-package-db-bytes", paramLabel = "N", defaultValue = "67108864",
            description = "Largest package database file read during the scan (dpkg status, rpmdb, ...); a larger one is a finding (default: ${DEFAULT-VALUE}).")
    public long maxPackageDbBytes;

    @Option(names = "--max-package-db-total", paramLabel = "N", defaultValue = "268435456",
            description = "Most package database bytes kept of one layer, all files together (default: ${DEFAULT-VALUE}).")
    public long maxPackageDbTotal;

    @Option(names = "--no-cache",
            description = "Scan every layer from its blob; neither read nor write the layer cache (see `strata cache`).")
    public boolean noCache;

    @Option(names = "--threads", paramLabel = "N", description = "Layers scanned in parallel (default: number of cores).")
    public Integer threads;

    public Optional<String> image() {
        return Optional.ofNullable(image);
    }

    public Optional<Platform> platform() throws UsageException {
        if (platform == null) return Optional.empty();
        try {
            return Optional.of(Platform.parse(platform));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--platform: " + e.getMessage());
        }
    }

    public Limits limits() {
        return Limits.DEFAULT.withMaxJsonBytes(maxJsonBytes).withMaxSpoolBytes(maxSpoolBytes)
                .withMaxLayerEntries(maxLayerEntries).withMaxPathBytes(maxPathBytes)
                .withMaxOuterEntries(maxOuterEntries).withMaxIndexDepth(maxIndexDepth);
    }

    public LayerScanner.Options scanOptions() {
        // package databases are captured in every scan, so one cache entry serves `packages` and every other command
        return new LayerScanner.Options(maxLayerEntries, maxPathBytes, maxInflateRatio,
                PackageCapture.all(maxPackageDbBytes, maxPackageDbTotal));
    }

    public int threads() {
        return threads == null ? Runtime.getRuntime().availableProcessors() : Math.max(1, threads);
    }
}
