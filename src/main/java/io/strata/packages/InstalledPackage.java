package io.strata.packages;

import java.util.List;
import java.util.Optional;

/**
 * One package of the image's inventory: what its database declares, and what Strata adds from the layers.
 *
 * @param declared         the package as the merged filesystem's database declares it
 * @param purl             its package URL (per the purl spec)
 * @param layer            the layer whose database first lists it (since it last appeared)
 * @param lastChangedLayer the last layer whose database changed its entry (version or files)
 * @param files            the paths it owns that are visible in the merged filesystem, directories left out,
 *                         as absolute paths where the image stores them (through symlinked folders such as /bin)
 * @param bytes            those files' visible bytes (a hardlinked inode once, a symlink its target's length)
 * @param hiddenBytes      bytes of earlier versions of those paths, hidden but still stored in lower layers
 * @param requiredBy       installed packages of its ecosystem that depend on it (dpkg Depends and Pre-Depends)
 * @param recommendedBy    installed packages of its ecosystem that recommend it
 */
public record InstalledPackage(DeclaredPackage declared, String purl, PackageLayer layer,
                               PackageLayer lastChangedLayer, List<String> files, long bytes, long hiddenBytes,
                               List<String> requiredBy, List<String> recommendedBy) {
    public InstalledPackage {
        files = DecodedStrings.copyOf(files);
        requiredBy = DecodedStrings.copyOf(requiredBy);
        recommendedBy = DecodedStrings.copyOf(recommendedBy);
    }

    public Ecosystem ecosystem() {
        return declared.ecosystem();
    }

    public String name() {
        return declared.name();
    }

    public String version() {
        return declared.version();
    }

    public Optional<String> arch() {
        return declared.arch();
    }

    /** "deb/libc6": how `files` names the owner of a path. */
    public String label() {
        return declared.ecosystem().wire() + "/" + declared.name();
    }
}
