package io.strata.advise;

import java.util.List;
import java.util.Optional;

/**
 * One installed package as the rules see it (from the package inventory, which the caller turns into these so the
 * rules depend on no reader): its visible files as relative paths, their bytes, and why apt installed it.
 *
 * @param ecosystem     "deb", "npm", "python", ... (the inventory's wire names)
 * @param files         the visible paths it owns, relative ("usr/bin/ps"), directories left out
 * @param auto          apt's "Auto-Installed" mark when the database says; empty when unknown
 * @param dev           an npm devDependency (or Python dev extra) of the application
 * @param layer         the layer whose database first lists it
 * @param ownedPrefixes relative folders ending in "/" whose every file it owns (an npm package's folder), the
 *                      longest prefix winning where they nest; used when the inventory lists no files
 * @param source        the source package it was built from (dpkg Source, rpm SOURCERPM's name); its own name when
 *                      the database names none
 */
public record AdvisedPackage(String ecosystem, String name, String version, List<String> files, long bytes,
                             Optional<Boolean> auto, boolean dev, List<String> requiredBy, List<String> recommendedBy,
                             int layer, List<String> ownedPrefixes, String source) {
    public AdvisedPackage {
        files = List.copyOf(files);
        if (source == null || source.isEmpty()) source = name;
        ownedPrefixes = List.copyOf(ownedPrefixes);
        requiredBy = List.copyOf(requiredBy);
        recommendedBy = List.copyOf(recommendedBy);
    }

    /** A package whose source package has its own name. */
    public AdvisedPackage(String ecosystem, String name, String version, List<String> files, long bytes,
                          Optional<Boolean> auto, boolean dev, List<String> requiredBy, List<String> recommendedBy,
                          int layer, List<String> ownedPrefixes) {
        this(ecosystem, name, version, files, bytes, auto, dev, requiredBy, recommendedBy, layer, ownedPrefixes, name);
    }

    /** The same package owning these files, with these bytes. */
    AdvisedPackage withFiles(List<String> owned, long ownedBytes) {
        return new AdvisedPackage(ecosystem, name, version, owned, ownedBytes, auto, dev, requiredBy, recommendedBy,
                layer, ownedPrefixes, source);
    }

    /** "deb/psmisc 23.6-1" */
    public String label() {
        return ecosystem + "/" + name + (version.isEmpty() ? "" : " " + version);
    }
}
