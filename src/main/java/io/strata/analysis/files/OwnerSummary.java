package io.strata.analysis.files;

import io.strata.tree.VisibleFile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Per-owner (uid:gid) totals of a set of visible files, sorted by uid then gid. */
public final class OwnerSummary {
    private OwnerSummary() {
    }

    public static List<OwnerTotal> of(List<VisibleFile> files) {
        Map<Long, long[]> totals = new TreeMap<>();
        Set<Long> inodesSeen = new HashSet<>();
        for (VisibleFile f : files) {
            long key = ((long) f.uid() << 32) | (f.gid() & 0xffffffffL);
            long[] t = totals.computeIfAbsent(key, k -> new long[2]);
            t[0]++;
            if (f.isRegularContent() && f.contentEntry() >= 0 && inodesSeen.add(f.inodeKey())) t[1] += f.size();
        }
        List<OwnerTotal> out = new ArrayList<>();
        for (Map.Entry<Long, long[]> e : totals.entrySet()) {
            out.add(new OwnerTotal((int) (e.getKey() >> 32), (int) (long) e.getKey(), (int) e.getValue()[0],
                    e.getValue()[1]));
        }
        out.sort(Comparator.comparingLong((OwnerTotal o) -> o.uid() & 0xffffffffL)
                .thenComparingLong(o -> o.gid() & 0xffffffffL));
        return out;
    }
}
