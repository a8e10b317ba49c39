package io.strata.analysis.ci;

import io.strata.analysis.waste.DiveFigures;
import io.strata.tree.VisibleFile;

import java.util.List;

/** What the gates look at: dive's figures, the layer count, logicalBytes and the visible files. */
public record CiFacts(DiveFigures dive, int layers, long logicalBytes, List<VisibleFile> visible) {
    public CiFacts {
        visible = List.copyOf(visible);
    }
}
