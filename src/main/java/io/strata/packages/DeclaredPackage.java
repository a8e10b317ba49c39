package io.strata.packages;

import java.util.List;
import java.util.Optional;

/**
 * One package as a database or manifest declares it, before the inventory adds layers and bytes.
 *
 * @param location      the absolute in-image path of the database or manifest it was read from
 *                      (for a jar inside a jar: {@code /app/app.jar!/BOOT-INF/lib/x.jar})
 * @param files         absolute in-image paths the package says it owns (empty when the format lists none)
 * @param depends       names of packages it requires (dpkg Depends + Pre-Depends, npm dependencies, ...)
 * @param recommends    names of packages it recommends (dpkg Recommends); empty elsewhere
 * @param auto          apt's extended_states "Auto-Installed: 1", when known
 * @param dev           true for an npm devDependency (or a Python dev extra) of the application
 * @param ownedPrefixes absolute folder prefixes ending in {@code /} whose every file the package owns (an npm
 *                      package owns {@code /app/node_modules/x/}); where prefixes nest, the longest one wins, so a
 *                      nested {@code node_modules} package owns its own folder. Empty for most formats.
 */
public record DeclaredPackage(Ecosystem ecosystem, String name, String version, Optional<String> arch,
                              Optional<String> source, List<String> licenses, String location, List<String> files,
                              List<String> depends, List<String> recommends, Optional<Boolean> auto, boolean dev,
                              List<String> ownedPrefixes) {

    public DeclaredPackage {
        licenses = DecodedStrings.copyOf(licenses);
        files = DecodedStrings.copyOf(files);
        depends = DecodedStrings.copyOf(depends);
        recommends = DecodedStrings.copyOf(recommends);
        ownedPrefixes = DecodedStrings.copyOf(ownedPrefixes);
    }

    /** A package that owns only the files it lists. */
    public DeclaredPackage(Ecosystem ecosystem, String name, String version, Optional<String> arch,
                           Optional<String> source, List<String> licenses, String location, List<String> files,
                           List<String> depends, List<String> recommends, Optional<Boolean> auto, boolean dev) {
        this(ecosystem, name, version, arch, source, licenses, location, files, depends, recommends, auto, dev, List.of());
    }
}
