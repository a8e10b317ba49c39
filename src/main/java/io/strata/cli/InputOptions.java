package io.strata.cli;

import io.strata.archive.Limits;
import io.strata.layer.LayerScanner;
import io.strata.model.Platform;
import io.strata.packages.PackageCapture;
import picocli.CommandLine.ArgGroup;
import io.strata.verify.Verifier;
import io.strata.session.Workspace;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.Optional;

/** Image choice and the limits that guard against hostile input; shared by commands that read archives. */
public class InputOptions {
    @Option(names = "--image", paramLabel = "REF", description = "Image to analyse: tag, digest (prefix) or position in the archive.")
    public String image;

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", description = "Platform to analyse in a multi-platform index.")
    public String platform;

    /** The limits that guard memory against hostile input: their own heading in help, apart from the everyday options. */
    @ArgGroup(validate = false, heading = "%nGuard rails (limits against hostile input; see README):%n", order = 100)
    public GuardRails rails = new GuardRails();

    /** Java initialisers equal to the defaults: picocli applies a group's defaults only when one of its options is given. */
    public static class GuardRails {
        @Option(names = "--max-json-bytes", paramLabel = "N", converter = NonNegative.Long.class, defaultValue = "16777216",
                description = "Largest manifest/config/index JSON accepted (default: ${DEFAULT-VALUE}).")
        public long maxJsonBytes = 16777216L;

        @Option(names = "--max-spool-bytes", paramLabel = "N", converter = NonNegative.Long.class, defaultValue = "68719476736",
                description = "Largest decompressed size of a compressed archive or stdin (default: ${DEFAULT-VALUE}).")
        public long maxSpoolBytes = 68719476736L;

        @Option(names = "--max-layer-entries", paramLabel = "N", converter = NonNegative.Long.class, defaultValue = "10000000",
                description = "Most tar entries accepted in one layer (default: ${DEFAULT-VALUE}).")
        public long maxLayerEntries = 10000000L;

        @Option(names = "--max-inflate-ratio", paramLabel = "N", converter = NonNegative.Long.class, defaultValue = "1000",
                description = "Abort a layer that inflates past 1 GiB at more than N times its stored size; 0 disables (default: ${DEFAULT-VALUE}).")
        public long maxInflateRatio = 1000L;

        @Option(names = "--max-path-bytes", paramLabel = "N", converter = NonNegative.Int.class, defaultValue = "65536",
                description = "Longest entry name accepted in a layer; PAX and GNU long-name records over max(1 MiB, 4 x N) are refused (default: ${DEFAULT-VALUE}).")
        public int maxPathBytes = 65536;

        @Option(names = "--max-outer-entries", paramLabel = "N", converter = NonNegative.Long.class, defaultValue = "1000000",
                description = "Most entries accepted in the archive's own tar (default: ${DEFAULT-VALUE}).")
        public long maxOuterEntries = 1000000L;

        @Option(names = "--max-index-depth", paramLabel = "N", converter = NonNegative.Int.class, defaultValue = "8",
                description = "Deepest nesting of image indexes followed (default: ${DEFAULT-VALUE}).")
        public int maxIndexDepth = 8;

        @Option(names = "--max-package-db-bytes", paramLabel = "N", converter = NonNegative.Long.class, defaultValue = "67108864",
                description = "Largest package database file read during the scan (dpkg status, rpmdb, ...); a larger one is a finding (default: ${DEFAULT-VALUE}).")
        public long maxPackageDbBytes = 67108864L;

        @Option(names = "--max-package-db-total", paramLabel = "N", converter = NonNegative.Long.class, defaultValue = "268435456",
                description = "Most package database bytes kept of one layer, all files together (default: ${DEFAULT-VALUE}).")
        public long maxPackageDbTotal = 268435456L;
    }

    @Option(names = {"-r", "--recursive"}, description = "A folder argument: search its subfolders for archives too.")
    public boolean recursive;

    @Option(names = "--quiet", description = "No progress on standard error (shown only when it is a terminal and the work takes over a second).")
    public boolean quiet;

    @Option(names = "--no-cache",
            description = "Scan every layer from its blob; neither read nor write the layer cache (see `strata cache`).")
    public boolean noCache;

    @Option(names = "--threads", paramLabel = "N", description = "Layers scanned in parallel (default: number of cores).")
    public Integer threads;

    /** A negative limit would refuse everything or turn a guard off by accident: refused when parsed (exit 2). */
    public static final class NonNegative {
        private NonNegative() {
        }

        public static final class Long implements picocli.CommandLine.ITypeConverter<java.lang.Long> {
            @Override
            public java.lang.Long convert(String value) {
                long v = java.lang.Long.parseLong(value.strip());
                if (v < 0) throw new picocli.CommandLine.TypeConversionException("'" + value + "' must not be negative");
                return v;
            }
        }

        public static final class Int implements picocli.CommandLine.ITypeConverter<Integer> {
            @Override
            public Integer convert(String value) {
                int v = Integer.parseInt(value.strip());
                if (v < 0) throw new picocli.CommandLine.TypeConversionException("'" + value + "' must not be negative");
                return v;
            }
        }
    }

    /** The command these options belong to, for its standard error. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /** Where warnings go: the command's standard error. */
    public java.io.PrintWriter err() {
        if (mixee != null && mixee.commandLine() != null) return mixee.commandLine().getErr();
        return new java.io.PrintWriter(System.err, true);
    }

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
        return Limits.DEFAULT.withMaxJsonBytes(rails.maxJsonBytes).withMaxSpoolBytes(rails.maxSpoolBytes)
                .withMaxLayerEntries(rails.maxLayerEntries).withMaxPathBytes(rails.maxPathBytes)
                .withMaxOuterEntries(rails.maxOuterEntries).withMaxIndexDepth(rails.maxIndexDepth);
    }

    public LayerScanner.Options scanOptions() {
        // package databases are captured in every scan, so one cache entry serves `packages` and every other command
        return new LayerScanner.Options(rails.maxLayerEntries, rails.maxPathBytes, rails.maxInflateRatio,
                PackageCapture.all(rails.maxPackageDbBytes, rails.maxPackageDbTotal));
    }

    /** The choice and the limits as the plain values a session.Workspace opens archives with. */
    public Workspace.Options options() {
        java.io.PrintWriter err = err();
        return new Workspace.Options(image(), Optional.ofNullable(platform), limits(), scanOptions(), threads(), noCache,
                recursive)
                .withWarnings(warning -> {
                    synchronized (err) {
                        err.println("strata: warning: " + warning);
                        err.flush();
                    }
                });
    }

    /** What verify reads archives under: the same limits as every command. */
    public Verifier.Options verifierOptions() {
        return new Verifier.Options(scanOptions(), threads(), limits().maxJsonBytes(), limits().maxIndexDepth());
    }

    public int threads() {
        return threads == null ? Runtime.getRuntime().availableProcessors() : Math.max(1, threads);
    }
}
