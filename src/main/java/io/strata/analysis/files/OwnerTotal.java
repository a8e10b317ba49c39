package io.strata.analysis.files;

/** Files owned by one uid:gid pair and the bytes of their contents (a hardlinked inode once). */
public record OwnerTotal(long uid, long gid, int files, long bytes) {
}
