package io.strata.analysis.files;

/** Files owned by one uid:gid pair and the bytes of their contents (a hardlinked inode once). */
public record OwnerTotal(int uid, int gid, int files, long bytes) {
}
