package io.strata.analysis.waste;

import io.strata.model.Digest;

import java.util.List;

/**
 * One content stored as {@code copies} distinct visible files (hardlinks to one file are one copy);
 * {@code paths} lists every visible path holding it. {@code wastedBytes} = (copies - 1) * size.
 */
public record DuplicateGroup(Digest sha256, long size, int copies, List<String> paths) {
    public DuplicateGroup {
        paths = List.copyOf(paths);
    }

    public long wastedBytes() {
        return (copies - 1) * size;
    }
}
