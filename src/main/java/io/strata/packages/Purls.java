package io.strata.packages;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Package URLs (https://github.com/package-url/purl-spec) for every ecosystem, built with package-url's own
 * library so encoding and per-type normalisation (PyPI names lower-cased, {@code _} as {@code -}) follow the
 * spec. One place for all readers, the inventory and the SBOM writers.
 */
public final class Purls {

    /** The distribution of an OS package (from {@code /etc/os-release}: {@code ID} and {@code VERSION_ID}). */
    public record Distro(String id, Optional<String> versionId) {
        /** The {@code distro} qualifier as syft and grype write it: {@code debian-12}, {@code alpine-3.19.1}. */
        String qualifier() {
            return versionId.filter(v -> !v.isBlank()).map(v -> id + "-" + v).orElse(id);
        }
    }

    private Purls() {
    }

    /** The purl of a declared package; empty when its fields cannot form one (an empty name, say). */
    public static Optional<String> of(DeclaredPackage p, Optional<Distro> distro) {
        return of(p.ecosystem(), p.name(), p.version(), p.arch(), distro);
    }

    /**
     * The purl of one package.
     *
     * @param name    as the ecosystem spells it: {@code @scope/name} for npm, {@code groupId:artifactId} for Java
     *                ({@code artifactId} alone when the group is unknown), the module path for Go
     * @param version as the database states it; an rpm {@code epoch:} prefix becomes the {@code epoch} qualifier
     */
    public static Optional<String> of(Ecosystem ecosystem, String name, String version, Optional<String> arch,
                                      Optional<Distro> distro) {
        if (name == null || name.isBlank()) return Optional.empty();
        String namespace = null;
        String simpleName = name;
        String purlVersion = version == null || version.isBlank() ? null : version;
        Map<String, String> qualifiers = new TreeMap<>();
        switch (ecosystem) {
            case DEB -> {
                namespace = distro.map(Distro::id).orElse("debian");
                arch.ifPresent(a -> qualifiers.put("arch", a));
                distro.ifPresent(d -> qualifiers.put("distro", d.qualifier()));
            }
            case APK -> {
                namespace = distro.map(Distro::id).orElse("alpine");
                arch.ifPresent(a -> qualifiers.put("arch", a));
                distro.ifPresent(d -> qualifiers.put("distro", d.qualifier()));
            }
            case RPM -> {
                namespace = distro.map(d -> rpmVendor(d.id())).orElse(null);
                arch.ifPresent(a -> qualifiers.put("arch", a));
                if (purlVersion != null) {
                    int colon = purlVersion.indexOf(':');
                    if (colon > 0 && purlVersion.substring(0, colon).chars().allMatch(Character::isDigit)) {
                        qualifiers.put("epoch", purlVersion.substring(0, colon));
                        purlVersion = purlVersion.substring(colon + 1);
                    }
                }
                distro.ifPresent(d -> qualifiers.put("distro", d.qualifier()));
            }
            case NPM -> {
                int slash = name.indexOf('/');
                if (name.startsWith("@") && slash > 1) {
                    namespace = name.substring(0, slash);
                    simpleName = name.substring(slash + 1);
                }
            }
            case JAVA -> {
                int colon = name.indexOf(':');
                if (colon > 0) {
                    namespace = name.substring(0, colon);
                    simpleName = name.substring(colon + 1);
                }
            }
            case GO -> {
                int slash = name.lastIndexOf('/');
                if (slash > 0) {
                    namespace = name.substring(0, slash);
                    simpleName = name.substring(slash + 1);
                }
            }
            case PYTHON -> {
            }
        }
        if (simpleName.isBlank()) return Optional.empty();
        try {
            return Optional.of(new PackageURL(type(ecosystem), namespace, simpleName, purlVersion,
                    qualifiers.isEmpty() ? null : new TreeMap<>(qualifiers), null).canonicalize());
        } catch (MalformedPackageURLException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The purl type of an ecosystem. */
    public static String type(Ecosystem ecosystem) {
        return switch (ecosystem) {
            case DEB -> "deb";
            case APK -> "apk";
            case RPM -> "rpm";
            case PYTHON -> "pypi";
            case NPM -> "npm";
            case JAVA -> "maven";
            case GO -> "golang";
        };
    }

    /** rpm purls name the vendor; os-release IDs mostly are one, Red Hat's and SUSE's are not. */
    private static String rpmVendor(String osId) {
        return switch (osId) {
            case "rhel" -> "redhat";
            case "sles", "sled", "sle-micro" -> "suse";
            case "opensuse-leap", "opensuse-tumbleweed", "opensuse-microos" -> "opensuse";
            case "amzn" -> "amazon";
            case "ol" -> "oracle";
            default -> osId;
        };
    }
}
