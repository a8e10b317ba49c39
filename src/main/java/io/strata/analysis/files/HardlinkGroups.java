package io.strata.analysis.files;

import io.strata.tree.VisibleFile;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** How many visible paths share each regular file's bytes (its inode): the link count `stat` would show. */
public final class HardlinkGroups {
    private final Map<Long, Integer> counts = new HashMap<>();

    public HardlinkGroups(List<VisibleFile> visible) {
        for (VisibleFile f : visible) {
            if (f.isRegularContent() && f.contentEntry() >= 0) counts.merge(f.inodeKey(), 1, Integer::sum);
        }
    }

    /** The link count of a regular file (1 when unshared); 1 for anything else. */
    public int nlink(VisibleFile f) {
        if (!f.isRegularContent() || f.contentEntry() < 0) return 1;
        return counts.getOrDefault(f.inodeKey(), 1);
    }
}
