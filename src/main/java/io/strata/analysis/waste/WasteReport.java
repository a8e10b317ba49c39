package io.strata.analysis.waste;

import java.util.List;

/**
 * Where one image's bytes go. Exact identity: {@code logicalBytes = squashedBytes + wastedBytes}, where
 * squashedBytes are the visible regular files (each inode once) plus visible symlink targets, and wastedBytes
 * the hidden versions' bytes. {@code hardlinkKeptBytes} names the one adjustment: hidden files whose inode is
 * still visible through a hardlink count as squashed, not wasted. {@code wasted} is sorted biggest first,
 * {@code duplicates} by bytes they waste.
 */
public record WasteReport(long logicalBytes, long squashedBytes, long wastedBytes, long hardlinkKeptBytes,
                          long duplicateBytes, List<WastedPath> wasted, List<DuplicateGroup> duplicates,
                          List<LayerWaste> layers, DiveFigures dive) {
    public WasteReport {
        wasted = List.copyOf(wasted);
        duplicates = List.copyOf(duplicates);
        layers = List.copyOf(layers);
    }

    /** squashedBytes / logicalBytes; 1.0 for an empty image. */
    public double efficiency() {
        return logicalBytes == 0 ? 1.0 : (double) squashedBytes / (double) logicalBytes;
    }
}
