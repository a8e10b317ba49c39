package io.strata.packages;

import io.strata.model.Finding;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The packages of one image and who owns which file: a value, equal to another with the same packages and findings
 * (the owners follow from the packages).
 *
 * <p>The owners map is built on first use, not with the inventory: `packages` and `sbom` never ask who owns a path,
 * and a kept inventory read back for them then decodes no path at all ({@link DecodedStrings}).
 */
public final class Inventory {
    private final List<InstalledPackage> packages;
    private final List<Finding> findings;
    /** Built once on first use under the lock; published through the volatile field. */
    private volatile Map<String, InstalledPackage> owners;

    private Inventory(List<InstalledPackage> packages, List<Finding> findings) {
        this.packages = List.copyOf(packages);
        this.findings = List.copyOf(findings);
    }

    /** The inventory of these packages (in order): each owns its visible files, the first one listing a path wins it. */
    public static Inventory of(List<InstalledPackage> packages, List<Finding> findings) {
        return new Inventory(packages, findings);
    }

    /** Sorted by ecosystem, name, arch, location. */
    public List<InstalledPackage> packages() {
        return packages;
    }

    /** What the readers found wrong with the databases of the merged filesystem. */
    public List<Finding> findings() {
        return findings;
    }

    /**
     * Visible path (normalised, relative, as the merged tree names it) to the package owning it; the first package in
     * order wins a path two of them list.
     */
    public Map<String, InstalledPackage> owners() {
        Map<String, InstalledPackage> o = owners;
        if (o != null) return o;
        synchronized (this) {
            if (owners == null) {
                Map<String, InstalledPackage> built = new HashMap<>();
                for (InstalledPackage p : packages) {
                    for (String path : p.files()) built.putIfAbsent(path.substring(1), p);
                }
                owners = Collections.unmodifiableMap(built);
            }
            return owners;
        }
    }

    /** The package owning a visible path (relative, no leading slash), if any. */
    public Optional<InstalledPackage> ownerOf(String relativePath) {
        return Optional.ofNullable(owners().get(relativePath));
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Inventory other && packages.equals(other.packages)
                && findings.equals(other.findings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(packages, findings);
    }

    @Override
    public String toString() {
        return "Inventory[packages=" + packages + ", findings=" + findings + "]";
    }
}
