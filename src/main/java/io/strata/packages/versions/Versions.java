package io.strata.packages.versions;

import io.strata.packages.Ecosystem;
import org.apache.maven.artifact.versioning.ComparableVersion;

import java.util.Comparator;

/**
 * The version order of each package ecosystem, as its own tools sort: dpkg for deb, rpm's {@code rpmvercmp} for
 * rpm, apk-tools for apk, semver precedence for npm (node-semver) and Go modules (x/mod/semver), PEP 440 for
 * Python, Maven's {@code ComparableVersion} for Java archives. Every comparison is total: a version an ecosystem
 * calls invalid still has a place (see each order), so a diff can always say which side is newer.
 */
public final class Versions {
    private Versions() {
    }

    /** Negative when {@code a} is older than {@code b}, 0 when the ecosystem calls them equal, positive when newer. */
    public static int compare(Ecosystem ecosystem, String a, String b) {
        if (a.equals(b)) return 0;
        int c = switch (ecosystem) {
            case DEB -> DpkgVersions.compare(a, b);
            case RPM -> RpmVersions.compare(a, b);
            case APK -> ApkVersions.compare(a, b);
            case NPM -> SemVersions.compareNpm(a, b);
            case GO -> SemVersions.compareGo(a, b);
            case PYTHON -> Pep440Versions.compare(a, b);
            case JAVA -> new ComparableVersion(a).compareTo(new ComparableVersion(b));
        };
        return Integer.signum(c);
    }

    public static Comparator<String> order(Ecosystem ecosystem) {
        return (a, b) -> compare(ecosystem, a, b);
    }
}
