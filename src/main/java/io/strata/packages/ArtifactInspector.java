package io.strata.packages;

import io.strata.model.Finding;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Reads packages out of a file too large to capture (a jar, a Go binary) while the scanner streams its bytes
 * once: it sees the content as a stream and keeps only what it finds. Depth, entry count and inflated size are
 * bounded; a hostile file is a finding naming it, never an exception escaping.
 */
public interface ArtifactInspector {
    /** Whether to stream this regular file through {@link #inspect}; {@code mode} is the tar mode bits. */
    boolean wants(String absolutePath, long size, int mode);

    List<DeclaredPackage> inspect(String absolutePath, InputStream content, List<Finding> findings) throws IOException;
}
