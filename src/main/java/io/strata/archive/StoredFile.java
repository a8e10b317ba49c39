package io.strata.archive;

/** A regular file inside an archive (outer tar entry or file of a layout directory), after links are resolved. */
public record StoredFile(String name, long offset, long size) {
}
