package io.strata.diff;

import io.strata.layer.EntryKind;
import io.strata.packages.Ecosystem;
import io.strata.packages.InstalledPackage;
import io.strata.packages.Inventory;
import io.strata.packages.versions.Versions;
import io.strata.tree.FileTree;
import io.strata.tree.VisibleFile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The packages that differ between two images' inventories, sorted by ecosystem, name and location. A package of A
 * and one of B are the same package when ecosystem, name and architecture agree and they were read from the same
 * place, the version's own spelling in that place set aside ({@code six-1.16.0.dist-info} and
 * {@code six-1.17.0.dist-info} are one place); a package left alone on each side under one name is paired too.
 */
public record PackageDiff(List<PackageChange> changes) {

    public PackageDiff {
        changes = List.copyOf(changes);
    }

    public boolean identical() {
        return changes.isEmpty();
    }

    public long count(PackageChange.Kind kind) {
        return changes.stream().filter(c -> c.kind() == kind).count();
    }

    /** The changes of one ecosystem, counted by kind, with the bytes they moved. */
    public record EcosystemTotal(Ecosystem ecosystem, Map<PackageChange.Kind, Integer> counts, long bytesDelta) {
        public int count(PackageChange.Kind kind) {
            return counts.getOrDefault(kind, 0);
        }
    }

    /** Per ecosystem that changed, in the ecosystems' order. */
    public List<EcosystemTotal> totals() {
        Map<Ecosystem, Map<PackageChange.Kind, Integer>> counts = new EnumMap<>(Ecosystem.class);
        Map<Ecosystem, Long> bytes = new EnumMap<>(Ecosystem.class);
        for (PackageChange c : changes) {
            counts.computeIfAbsent(c.ecosystem(), e -> new EnumMap<>(PackageChange.Kind.class)).merge(c.kind(), 1,
                    Integer::sum);
            bytes.merge(c.ecosystem(), c.bytesDelta(), Long::sum);
        }
        List<EcosystemTotal> out = new ArrayList<>();
        counts.forEach((e, n) -> out.add(new EcosystemTotal(e, Map.copyOf(n), bytes.get(e))));
        return out;
    }

    public static PackageDiff compare(Inventory a, FileTree ta, Inventory b, FileTree tb) {
        Map<String, List<InstalledPackage>> byNameA = byName(a.packages());
        Map<String, List<InstalledPackage>> byNameB = byName(b.packages());
        Set<String> names = new LinkedHashSet<>(byNameA.keySet());
        names.addAll(byNameB.keySet());
        List<PackageChange> out = new ArrayList<>();
        for (String name : names) {
            List<InstalledPackage> la = new ArrayList<>(byNameA.getOrDefault(name, List.of()));
            List<InstalledPackage> lb = new ArrayList<>(byNameB.getOrDefault(name, List.of()));
            for (Iterator<InstalledPackage> it = la.iterator(); it.hasNext(); ) {
                InstalledPackage x = it.next();
                Optional<InstalledPackage> y = lb.stream().filter(p -> place(p).equals(place(x))).findFirst();
                if (y.isEmpty()) continue;
                it.remove();
                lb.remove(y.get());
                pair(x, y.get(), ta, tb).ifPresent(out::add);
            }
            if (la.size() == 1 && lb.size() == 1) {
                pair(la.remove(0), lb.remove(0), ta, tb).ifPresent(out::add);
            }
            for (InstalledPackage x : la) {
                out.add(new PackageChange(x.ecosystem(), x.name(), PackageChange.Kind.REMOVED, Optional.of(x),
                        Optional.empty(), x.files().size()));
            }
            for (InstalledPackage y : lb) {
                out.add(new PackageChange(y.ecosystem(), y.name(), PackageChange.Kind.ADDED, Optional.empty(),
                        Optional.of(y), y.files().size()));
            }
        }
        out.sort(Comparator.comparing((PackageChange c) -> c.ecosystem().ordinal()).thenComparing(PackageChange::name)
                .thenComparing(PackageChange::location));
        return new PackageDiff(out);
    }

    /** Ecosystem, name and architecture: what must agree for two packages to be one. */
    private static Map<String, List<InstalledPackage>> byName(List<InstalledPackage> packages) {
        Map<String, List<InstalledPackage>> out = new LinkedHashMap<>();
        for (InstalledPackage p : packages) {
            String key = p.ecosystem().wire() + "\u0000" + p.name() + "\u0000" + p.arch().orElse("");
            out.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
        }
        return out;
    }

    /** The location with the version's spelling in it blanked: a dist-info folder or a jar named after its version. */
    private static String place(InstalledPackage p) {
        String location = p.declared().location();
        String version = p.version();
        return version.isEmpty() ? location : location.replace(version, "\u0000");
    }

    private static Optional<PackageChange> pair(InstalledPackage x, InstalledPackage y, FileTree ta, FileTree tb) {
        int paths = pathsChanged(x, ta, y, tb);
        int order = Versions.compare(x.ecosystem(), x.version(), y.version());
        PackageChange.Kind kind;
        if (order < 0) kind = PackageChange.Kind.UPGRADED;
        else if (order > 0) kind = PackageChange.Kind.DOWNGRADED;
        else if (!x.version().equals(y.version()) || paths > 0 || x.bytes() != y.bytes()) kind = PackageChange.Kind.CHANGED;
        else return Optional.empty();
        return Optional.of(new PackageChange(x.ecosystem(), x.name(), kind, Optional.of(x), Optional.of(y), paths));
    }

    /** The package's paths that only one side has, or whose content or link target differs between the sides. */
    private static int pathsChanged(InstalledPackage x, FileTree ta, InstalledPackage y, FileTree tb) {
        Set<String> all = new LinkedHashSet<>(x.files());
        all.addAll(y.files());
        Set<String> inA = Set.copyOf(x.files());
        Set<String> inB = Set.copyOf(y.files());
        int changed = 0;
        for (String path : all) {
            if (!inA.contains(path) || !inB.contains(path)) {
                changed++;
                continue;
            }
            Optional<VisibleFile> fa = ta.lookup(path);
            Optional<VisibleFile> fb = tb.lookup(path);
            if (fa.isEmpty() || fb.isEmpty() || !sameContent(fa.get(), fb.get())) changed++;
        }
        return changed;
    }

    private static boolean sameContent(VisibleFile a, VisibleFile b) {
        if (a.isRegularContent() && b.isRegularContent()) return a.size() == b.size() && a.sha256().equals(b.sha256());
        return a.kind() == b.kind() && (a.kind() != EntryKind.SYMLINK || Objects.equals(a.linkTarget(), b.linkTarget()));
    }
}
