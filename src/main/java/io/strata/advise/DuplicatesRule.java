package io.strata.advise;

import io.strata.layer.EntryKind;
import io.strata.layer.LayerIndex;
import io.strata.tree.VisibleFile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.TreeSet;

/**
 * Visible files whose content is stored more than once: {@code (n - 1) * size} per content seen at n inodes
 * (hardlinked names share an inode and count once). Files another rule already claims are left out, so the
 * figure can be smaller than the duplicateBytes of `strata waste`. Groups are found by sorting on a digest
 * prefix and confirmed on the full digest, without a map entry per file.
 */
final class DuplicatesRule implements Rule {
    private static final int MAX_GROUPS = 10;

    @Override
    public RuleId id() {
        return RuleId.DUPLICATES;
    }

    @Override
    public List<Advice> apply(ImageFacts facts, Claims claims) {
        List<VisibleFile> inodes = distinctInodes(facts.visibleFiles(), claims);
        List<LayerIndex> layers = facts.layers();
        long[] prefix = new long[inodes.size()];
        for (int i = 0; i < prefix.length; i++) {
            VisibleFile f = inodes.get(i);
            prefix[i] = layers.get(f.contentLayer()).digestPrefix(f.contentEntry());
        }
        // prefixes seen twice or more, found on a sorted primitive copy; only their files get a map entry
        long[] sorted = prefix.clone();
        Arrays.sort(sorted);
        Map<Long, List<VisibleFile>> runs = new TreeMap<>();
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) runs.put(sorted[i], new ArrayList<>());
        }
        if (runs.isEmpty()) return List.of();
        for (int i = 0; i < prefix.length; i++) {
            List<VisibleFile> run = runs.get(prefix[i]);
            if (run != null) run.add(inodes.get(i));
        }
        List<List<VisibleFile>> found = new ArrayList<>();
        for (List<VisibleFile> run : runs.values()) split(run, layers, found);
        // a package's own copies (a licence in two packages, a binary under two names) are not the build's doing:
        // the group keeps one package copy and the user's copies; an all-package group is shown, not counted
        List<List<VisibleFile>> groups = new ArrayList<>();
        for (List<VisibleFile> g : found) {
            List<VisibleFile> owned = g.stream().filter(f -> facts.owner(f.path().relative()).isPresent()).toList();
            if (owned.size() <= 1) {
                groups.add(g);
                continue;
            }
            List<VisibleFile> kept = new ArrayList<>(g.stream().filter(f -> !owned.contains(f)).toList());
            kept.add(0, owned.get(0));
            for (VisibleFile f : owned.subList(1, owned.size())) {
                claims.claim(f.inodeKey());
                facts.shipped(facts.owner(f.path().relative()).orElseThrow(), f.path().relative(), f.size(),
                        "duplicate content shipped by the package");
            }
            if (kept.size() > 1) groups.add(kept);
        }
        if (groups.isEmpty()) return List.of();
        groups.sort(Comparator.comparingLong(DuplicatesRule::saved).reversed().thenComparing(g -> g.get(0).path()));
        return List.of(advice(groups, facts, claims));
    }

    /** Regular files and hardlinks of the final filesystem, one per inode, with content, unclaimed. */
    private static List<VisibleFile> distinctInodes(List<VisibleFile> visible, Claims claims) {
        Set<Long> linked = new HashSet<>();
        for (VisibleFile f : visible) if (f.kind() == EntryKind.HARDLINK) linked.add(f.inodeKey());
        Set<Long> seen = new HashSet<>();
        List<VisibleFile> out = new ArrayList<>();
        for (VisibleFile f : visible) {
            if (!f.isRegularContent() || f.size() == 0 || f.contentEntry() < 0 || claims.isClaimed(f.inodeKey())) continue;
            if (!linked.isEmpty() && linked.contains(f.inodeKey()) && !seen.add(f.inodeKey())) continue;
            out.add(f);
        }
        return out;
    }

    /** Splits a run of equal digest prefixes into groups of equal full digests (a prefix collision is rare). */
    private static void split(List<VisibleFile> run, List<LayerIndex> layers, List<List<VisibleFile>> groups) {
        while (run.size() > 1) {
            VisibleFile first = run.get(0);
            LayerIndex fl = layers.get(first.contentLayer());
            List<VisibleFile> same = new ArrayList<>();
            List<VisibleFile> rest = new ArrayList<>();
            for (VisibleFile f : run) {
                boolean equal = f == first || (f.size() == first.size()
                        && fl.sameContent(first.contentEntry(), layers.get(f.contentLayer()), f.contentEntry()));
                (equal ? same : rest).add(f);
            }
            if (same.size() > 1) groups.add(same);
            run = rest;
        }
    }

    private static Advice advice(List<List<VisibleFile>> groups, ImageFacts facts, Claims claims) {
        long bytes = 0;
        int copies = 0;
        TreeSet<Integer> layers = new TreeSet<>();
        for (List<VisibleFile> g : groups) {
            bytes += saved(g);
            copies += g.size() - 1;
            for (VisibleFile f : g) {
                claims.claim(f.inodeKey());
                layers.add(f.layer());
            }
        }
        List<Advice.Evidence> evidence = new ArrayList<>();
        for (List<VisibleFile> g : groups.subList(0, Math.min(MAX_GROUPS, groups.size()))) {
            List<String> paths = g.stream().map(f -> f.path().absolute()).toList();
            String others = String.join(", ", paths.subList(1, Math.min(4, paths.size())))
                    + (paths.size() > 4 ? " and " + (paths.size() - 4) + " more" : "");
            TreeSet<Integer> gl = new TreeSet<>();
            g.forEach(f -> gl.add(f.layer()));
            evidence.add(new Advice.Evidence(paths.get(0), gl.size() == 1 ? gl.first() : -1, g.size(), saved(g),
                    g.size() + " copies; also at " + others));
        }
        if (groups.size() > MAX_GROUPS) {
            long rest = groups.subList(MAX_GROUPS, groups.size()).stream().mapToLong(DuplicatesRule::saved).sum();
            int files = groups.subList(MAX_GROUPS, groups.size()).stream().mapToInt(List::size).sum();
            evidence.add(new Advice.Evidence("", -1, files, rest,
                    (groups.size() - MAX_GROUPS) + " more groups of identical files"));
        }
        List<VisibleFile> first = groups.get(0);
        String title = groups.size() == 1 && first.size() == 2
                ? first.get(0).path().absolute() + " and " + first.get(1).path().absolute() + " have the same content"
                : copies + " files repeat content stored at another path (" + groups.size() + " group"
                + (groups.size() == 1 ? "" : "s") + ")";
        return new Advice(RuleId.DUPLICATES, title, bytes, Advice.Saving.IMAGE, 0, false, evidence,
                layers.stream().map(facts::step).toList(),
                "Keep one copy: delete the others where they are made, or make them hardlinks or symlinks to one "
                        + "file (a hardlink in the same layer costs no bytes). If two steps copy the same file, "
                        + "copy it once.");
    }

    private static long saved(List<VisibleFile> g) {
        return (g.size() - 1) * g.get(0).size();
    }
}
