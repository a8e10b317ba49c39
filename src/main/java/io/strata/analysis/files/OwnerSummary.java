package io.strata.analysis.files;

import io.strata.layer.EntryKind;
import io.strata.model.NameBytes;
import io.strata.tree.VisibleFile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashMap;

/** Per-owner (uid:gid) totals of a set of visible files, sorted by uid then gid. */
public final class OwnerSummary {
    private OwnerSummary() {
    }

    public static List<OwnerTotal> of(List<VisibleFile> files) {
        Map<List<Long>, long[]> totals = new HashMap<>();
        Set<Long> inodesSeen = new HashSet<>();
        for (VisibleFile f : files) {
            long[] t = totals.computeIfAbsent(List.of(f.uid(), f.gid()), k -> new long[2]);
            t[0]++;
            if (f.isRegularContent() && f.contentEntry() >= 0 && inodesSeen.add(f.inodeKey())) t[1] += f.size();
            // a symlink's bytes are its target's length, as in squashedBytes (and docker's lstat sizes)
            if (f.kind() == EntryKind.SYMLINK) t[1] += NameBytes.length(f.linkTarget().orElse(""));
        }
        List<OwnerTotal> out = new ArrayList<>();
        for (Map.Entry<List<Long>, long[]> e : totals.entrySet()) {
            out.add(new OwnerTotal(e.getKey().get(0), e.getKey().get(1), (int) e.getValue()[0], e.getValue()[1]));
        }
        out.sort(Comparator.comparingLong(OwnerTotal::uid).thenComparingLong(OwnerTotal::gid));
        return out;
    }
}
