package io.strata.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** What `strata cache info` and `strata cache prune` do to a cache folder. Touches only files it made. */
public final class CacheMaintenance {
    /** By default prune keeps the cache under this size, evicting what was used least recently. */
    public static final long DEFAULT_MAX_BYTES = 2L << 30;
    public static final int DEFAULT_OLDER_THAN_DAYS = 30;
    /** A temporary file older than this belongs to no running process. */
    static final Duration STALE_TEMP = Duration.ofHours(1);
    /** The kinds of entry, each in its folder: layer scans, and values derived from chains of them. */
    private static final List<Kind> KINDS = List.of(
            new Kind(LayerCache.ENTRIES, LayerCache.SUFFIX,
                    file -> LayerCache.fileName(LayerCache.lookupKey(LayerCache.readWhole(file).key()))),
            new Kind(DerivedCache.ENTRIES, DerivedCache.SUFFIX,
                    file -> DerivedCache.fileName(DerivedCache.readWhole(file).key())));

    /** A folder of entries: its name, how its entries are named, and the name an entry's own key gives it. */
    private record Kind(String folder, String suffix, NameCheck expectedName) {
        boolean names(String fileName) {
            return fileName.length() == 64 + suffix.length() && fileName.endsWith(suffix)
                    && HEX.matcher(fileName.substring(0, 64)).matches();
        }
    }

    /** Reads a whole entry (checking all of it) and gives the file name its key makes. */
    @FunctionalInterface
    private interface NameCheck {
        String of(Path file) throws IOException;
    }

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    private CacheMaintenance() {
    }

    /** The figures of a cache folder. */
    public record Info(Path folder, int entries, long bytes, int temporaryFiles, boolean exists) {
    }

    /** What prune did: entries removed (damaged ones among them) and entries kept. */
    public record Pruned(Path folder, int removed, long removedBytes, int damaged, int kept, long keptBytes) {
    }

    /** Which entries prune removes: all of them, or those unused for {@code olderThan}, then the least recently used past {@code maxBytes}. */
    public record Policy(boolean all, long maxBytes, Duration olderThan) {
        public static Policy defaults() {
            return new Policy(false, DEFAULT_MAX_BYTES, Duration.ofDays(DEFAULT_OLDER_THAN_DAYS));
        }
    }

    private record Stored(Path file, long bytes, Instant lastUse, Kind kind) {
    }

    /** Every entry of every kind counts (layer scans and the values derived from them), in one figure. */
    public static Info info(Path root) throws IOException {
        List<Stored> entries = new ArrayList<>();
        List<Stored> temps = new ArrayList<>();
        if (!list(root, entries, temps)) return new Info(root, 0, 0, 0, false);
        return new Info(root, entries.size(), entries.stream().mapToLong(Stored::bytes).sum(), temps.size(), true);
    }

    /**
     * Removes stale temporary files and damaged entries (every entry is read and checked whole), then what the
     * policy says. Safe beside running commands: a reader holding an entry open keeps reading it, and a removed
     * entry is only a miss.
     */
    public static Pruned prune(Path root, Policy policy, Instant now) throws IOException {
        List<Stored> entries = new ArrayList<>();
        List<Stored> temps = new ArrayList<>();
        if (!list(root, entries, temps)) return new Pruned(root, 0, 0, 0, 0, 0);
        int removed = 0;
        long removedBytes = 0;
        int damaged = 0;
        for (Stored t : temps) {
            if (policy.all() || t.lastUse().isBefore(now.minus(STALE_TEMP))) {
                if (delete(t)) removedBytes += t.bytes();
            }
        }
        List<Stored> kept = new ArrayList<>();
        for (Stored e : entries) {
            boolean drop = policy.all() || e.lastUse().isBefore(now.minus(policy.olderThan()));
            if (!drop && !intact(e)) {
                drop = true;
                damaged++;
            }
            if (drop) {
                if (delete(e)) {
                    removed++;
                    removedBytes += e.bytes();
                }
            } else {
                kept.add(e);
            }
        }
        List<Stored> left = evictPast(kept, policy.maxBytes());
        removed += kept.size() - left.size();
        if (removed > 0 || policy.all()) LightRuns.forget(root);
        removedBytes += kept.stream().mapToLong(Stored::bytes).sum() - left.stream().mapToLong(Stored::bytes).sum();
        return new Pruned(root, removed, removedBytes, damaged, left.size(), left.stream().mapToLong(Stored::bytes).sum());
    }

    /**
     * Keeps the cache under {@code maxBytes} without reading entries: the least recently used go first. What a
     * run that wrote entries does on its way out, so the cache stays bounded without anyone pruning.
     */
    public static void trim(Path root, long maxBytes) throws IOException {
        List<Stored> entries = new ArrayList<>();
        if (list(root, entries, new ArrayList<>()) && evictPast(entries, maxBytes).size() < entries.size()) {
            LightRuns.forget(root);
        }
    }

    /** Deletes the least recently used entries until the rest fit in {@code maxBytes}; returns the rest. */
    private static List<Stored> evictPast(List<Stored> entries, long maxBytes) {
        List<Stored> byUse = new ArrayList<>(entries);
        byUse.sort(Comparator.comparing(Stored::lastUse).reversed());
        List<Stored> left = new ArrayList<>();
        long total = 0;
        for (Stored e : byUse) {
            if (total + e.bytes() <= maxBytes) {
                left.add(e);
                total += e.bytes();
            } else if (!delete(e)) {
                left.add(e);
            }
        }
        return left;
    }

    private static boolean intact(Stored s) {
        try {
            return s.file().getFileName().toString().equals(s.kind().expectedName().of(s.file()));
        } catch (NoSuchFileException gone) {
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean delete(Stored s) {
        try {
            return Files.deleteIfExists(s.file());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Sorts the files of each kind's folder into entries and temporary files; anything else is not ours and left
     * alone. False when the cache has no folder of entries yet.
     */
    private static boolean list(Path root, List<Stored> entries, List<Stored> temps) throws IOException {
        boolean any = false;
        for (Kind kind : KINDS) {
            Path folder = root.resolve(kind.folder());
            if (!Files.isDirectory(folder)) continue;
            any = true;
            try (Stream<Path> files = Files.list(folder)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    String name = f.getFileName().toString();
                    boolean entry = kind.names(name);
                    if (!entry && !name.startsWith(EntryFolder.TEMP_PREFIX)) continue;
                    BasicFileAttributes a;
                    try {
                        a = Files.readAttributes(f, BasicFileAttributes.class);
                    } catch (NoSuchFileException gone) {
                        continue;
                    }
                    if (!a.isRegularFile()) continue;
                    Stored s = new Stored(f, a.size(), a.lastModifiedTime().toInstant(), kind);
                    (entry ? entries : temps).add(s);
                }
            }
        }
        return any;
    }
}
