package io.strata.diff;

import io.strata.packages.Inventory;
import io.strata.tree.FileTree;
import io.strata.tree.VisibleFile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The file rows of a diff grouped under the package that owns each path ({@code --by package}): per package
 * (ecosystem/name, "deb/libc6"; empty for the paths no package owns) the paths added, removed, modified and
 * metadata-only, and its share of the squashed bytes on each side, counted as squashedBytes is, so the deltas of all
 * groups add up to the change in squashed bytes. A path belongs to the package its side's inventory says owns it
 * (a changed path present in B: B's owner, else A's).
 */
public record PackageGroup(Optional<String> pkg, int added, int removed, int modified, int metadata, long bytesBefore,
                           long bytesAfter) {

    public long bytesDelta() {
        return bytesAfter - bytesBefore;
    }

    public int paths() {
        return added + removed + modified + metadata;
    }

    /** The groups, largest change of bytes first, and the group of every changed path. */
    public record Grouping(List<PackageGroup> groups, Map<String, Optional<String>> ofPath) {
        public Grouping {
            groups = List.copyOf(groups);
            ofPath = Map.copyOf(ofPath);
        }

        /** The owning package of a changed path (relative, as the merged tree names it); empty when none owns it. */
        public Optional<String> of(FileChange c) {
            return ofPath.getOrDefault(c.path().relative(), Optional.empty());
        }
    }

    private static final String NONE = "";

    static Grouping compute(FileTree a, Inventory inA, FileTree b, Inventory inB, List<FileChange> changes) {
        Map<String, Optional<String>> ofPath = new HashMap<>();
        for (FileChange c : changes) {
            String path = c.path().relative();
            Optional<String> owner = c.after().isPresent() ? inB.ownerOf(path).map(p -> p.label())
                    : inA.ownerOf(path).map(p -> p.label());
            ofPath.put(path, owner);
        }
        Map<String, PathGroups.Totals> totals = PathGroups.compute(a, b, changes,
                c -> ofPath.get(c.path().relative()).orElse(NONE), f -> owner(inA, f), f -> owner(inB, f));
        List<PackageGroup> groups = new ArrayList<>();
        totals.forEach((name, t) -> groups.add(new PackageGroup(name.isEmpty() ? Optional.empty() : Optional.of(name),
                t.counts()[FileChange.Kind.ADDED.ordinal()], t.counts()[FileChange.Kind.REMOVED.ordinal()],
                t.counts()[FileChange.Kind.MODIFIED.ordinal()], t.counts()[FileChange.Kind.METADATA.ordinal()],
                t.before(), t.after())));
        groups.sort(Comparator.comparingLong((PackageGroup g) -> -Math.abs(g.bytesDelta()))
                .thenComparing(g -> g.pkg().orElse(NONE)));
        return new Grouping(groups, ofPath);
    }

    private static String owner(Inventory inventory, VisibleFile f) {
        return inventory.ownerOf(f.path().relative()).map(p -> p.label()).orElse(NONE);
    }
}
