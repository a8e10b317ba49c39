package io.strata.analysis.files;

import io.strata.tree.FileTree;
import io.strata.tree.HiddenVersion;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Every hidden version of a merged tree, as entries, sorted by path then holding layer. */
public final class DeletedVersions {
    private DeletedVersions() {
    }

    public static List<DeletedVersion> of(FileTree tree, FileFilter filter) {
        List<DeletedVersion> out = new ArrayList<>();
        for (HiddenVersion h : tree.hidden()) {
            var entry = tree.layers().get(h.layer()).entry(h.layer(), h.entry());
            if (filter.matches(entry)) out.add(new DeletedVersion(entry, h.hiddenBy(), h.reason()));
        }
        out.sort(Comparator.comparing((DeletedVersion d) -> d.entry().path()).thenComparingInt(d -> d.entry().layer())
                .thenComparingInt(d -> d.entry().ordinal()));
        return out;
    }
}
