package io.strata.analysis.files;

import io.strata.layer.FileEntry;
import io.strata.tree.HiddenVersion;

/** A version hidden from the merged view whose bytes are still in the archive: the entry and what hid it. */
public record DeletedVersion(FileEntry entry, int hiddenBy, HiddenVersion.Reason reason) {
}
