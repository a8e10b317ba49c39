package io.strata.packages;

import io.strata.model.Finding;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The packages of one image and who owns which file.
 *
 * @param packages sorted by ecosystem, name, arch, location
 * @param owners   visible path (normalised, relative, as the merged tree names it) to the package owning it; the
 *                 first package in order wins a path two of them list
 * @param findings what the readers found wrong with the databases of the merged filesystem
 */
public record Inventory(List<InstalledPackage> packages, Map<String, InstalledPackage> owners,
                        List<Finding> findings) {
    public Inventory {
        packages = List.copyOf(packages);
        owners = Map.copyOf(owners);
        findings = List.copyOf(findings);
    }

    /** The inventory of these packages (in order): each owns its visible files, the first one listing a path wins it. */
    public static Inventory of(List<InstalledPackage> packages, List<Finding> findings) {
        Map<String, InstalledPackage> owners = new HashMap<>();
        for (InstalledPackage p : packages) {
            for (String path : p.files()) owners.putIfAbsent(path.substring(1), p);
        }
        return new Inventory(packages, owners, findings);
    }

    /** The package owning a visible path (relative, no leading slash), if any. */
    public Optional<InstalledPackage> ownerOf(String relativePath) {
        return Optional.ofNullable(owners.get(relativePath));
    }
}
