package io.strata.packages;

import io.strata.model.Finding;

import java.util.List;

/**
 * Reads one ecosystem's packages from small database or manifest files (dpkg status, apk installed, rpmdb,
 * dist-info METADATA/RECORD, package.json). The scanner captures every file {@link #captures} accepts; a
 * reader never throws on bad content: a corrupt or hostile file is a finding naming it.
 */
public interface DatabaseReader {
    Ecosystem ecosystem();

    /** Whether the scanner must capture this absolute in-image path for this reader. */
    boolean captures(String absolutePath);

    List<DeclaredPackage> read(PackageFiles files, List<Finding> findings);
}
