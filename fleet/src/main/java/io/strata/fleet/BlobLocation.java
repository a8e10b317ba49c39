package io.strata.fleet;

import java.io.Serializable;

/**
 * Where a layer blob's stored bytes are, so an executor can read them without listing the archive again:
 * {@code TAR} at an offset of a tar archive, {@code FILE} a file of an OCI layout directory, {@code REOPEN} inside
 * an archive compressed as a whole (its offsets are in the decompressed stream, so the archive is opened again).
 */
public record BlobLocation(String archive, Kind kind, String name, long offset, long size) implements Serializable {

    public enum Kind { TAR, FILE, REOPEN }
}
