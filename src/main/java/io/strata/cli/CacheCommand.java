package io.strata.cli;

import io.strata.session.ExitCodes;
import io.strata.analysis.ci.ByteSizes;
import io.strata.cache.CacheLocation;
import io.strata.cache.CacheMaintenance;
import io.strata.report.CacheWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

@Command(name = "cache", mixinStandardHelpOptions = true,
        subcommands = {CacheCommand.Info.class, CacheCommand.Prune.class},
        description = {"The layer cache: scans of layers kept between runs, keyed by diffId and stored blob, so a layer seen before is not read again; "
                        + "and each image's finished package inventory, keyed by its chain of layers (packages and sbom). "
                        + "An entry is used only for the very bytes it was made from.",
                "Folder: $STRATA_CACHE_DIR, else $XDG_CACHE_HOME/strata, else ~/.cache/strata.",
                "Commands that read layers take --no-cache; verify, extract and export never use the cache."})
public class CacheCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.BAD_INPUT;
    }

    static Path folder() throws UsageException {
        return CacheLocation.resolve().orElseThrow(() -> new UsageException(
                "no cache folder: set " + CacheLocation.ENV + " (or HOME)"));
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "The cache folder, its entries and their size.")
    static class Info implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        FormatOption format;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            CacheMaintenance.Info info = CacheMaintenance.info(folder());
            CacheWriter.INFO.write(info, format.json(), out);
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "prune", mixinStandardHelpOptions = true, description = {
            "Removes damaged entries, stale temporary files and entries unused for --older-than days.",
            "Then removes the least recently used entries until the cache fits in --max-bytes. --all empties the cache."})
    static class Prune implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        FormatOption format;

        @Option(names = "--all", description = "Remove every entry.")
        boolean all;

        @Option(names = "--max-bytes", paramLabel = "N", defaultValue = "2GiB",
                description = "Largest size kept, like ci's sizes: 500MB (decimal), 2GiB (binary) or bytes (default: ${DEFAULT-VALUE}).")
        String maxBytes;

        @Option(names = "--older-than", paramLabel = "DAYS", defaultValue = "" + CacheMaintenance.DEFAULT_OLDER_THAN_DAYS,
                description = "Remove entries not used for this many days (default: ${DEFAULT-VALUE}).")
        int olderThanDays;

        @Override
        public Integer call() throws Exception {
            if (olderThanDays < 0) throw new UsageException("--older-than " + olderThanDays + ": must be 0 or more");
            long limit;
            try {
                limit = ByteSizes.parse(maxBytes); // the sizes ci's gates take, as dive writes them
            } catch (IllegalArgumentException e) {
                throw new UsageException("--max-bytes: " + e.getMessage());
            }
            var policy = new CacheMaintenance.Policy(all, limit, Duration.ofDays(olderThanDays));
            CacheMaintenance.Pruned p = CacheMaintenance.prune(folder(), policy, Instant.now());
            PrintWriter out = spec.commandLine().getOut();
            CacheWriter.PRUNED.write(p, format.json(), out);
            out.flush();
            return ExitCodes.OK;
        }

    }
}
