package io.strata.packages.versions;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Semantic Versioning 2.0.0 precedence (semver.org, section 11), as npm's node-semver and Go's
 * golang.org/x/mod/semver apply it: major, minor and patch as numbers; a pre-release is older than its release;
 * pre-release identifiers in turn, numeric ones as numbers and older than alphanumeric ones, which compare as
 * ASCII text; build metadata ignored.
 */
final class SemVersions {
    private SemVersions() {
    }

    private static final String NUMBER = "0|[1-9][0-9]*";
    private static final String IDENT = "(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)";
    private static final String PRE = "(?:-(" + IDENT + "(?:\\." + IDENT + ")*))?";
    private static final String BUILD = "(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?";
    /** node-semver's FULL pattern: an optional "v" (or "="), three numbers. */
    private static final Pattern NPM = Pattern.compile(
            "^[=v]?(" + NUMBER + ")\\.(" + NUMBER + ")\\.(" + NUMBER + ")" + PRE + BUILD + "$");
    /** x/mod/semver: a "v" always, and vMAJOR or vMAJOR.MINOR standing for .0 (without pre-release or build). */
    private static final Pattern GO = Pattern.compile(
            "^v(" + NUMBER + ")(?:\\.(" + NUMBER + ")(?:\\.(" + NUMBER + ")" + PRE + BUILD + ")?)?$");

    record Parsed(String major, String minor, String patch, List<String> pre) {
    }

    static Optional<Parsed> npm(String v) {
        Matcher m = NPM.matcher(v.trim());
        if (!m.matches()) return Optional.empty();
        return Optional.of(new Parsed(m.group(1), m.group(2), m.group(3), pre(m.group(4))));
    }

    static Optional<Parsed> go(String v) {
        Matcher m = GO.matcher(v);
        if (!m.matches()) return Optional.empty();
        return Optional.of(new Parsed(m.group(1), m.group(2) == null ? "0" : m.group(2),
                m.group(3) == null ? "0" : m.group(3), pre(m.group(4))));
    }

    private static List<String> pre(String text) {
        return text == null ? List.of() : List.of(text.split("\\.", -1));
    }

    /** npm: two valid versions by precedence; anything else by rpm's segment order, which reads any text. */
    static int compareNpm(String a, String b) {
        Optional<Parsed> x = npm(a);
        Optional<Parsed> y = npm(b);
        if (x.isPresent() && y.isPresent()) return compare(x.get(), y.get());
        return RpmVersions.rpmvercmp(a.trim(), b.trim());
    }

    /** Go: as x/mod/semver.Compare: an invalid version is older than every valid one and equal to another invalid. */
    static int compareGo(String a, String b) {
        Optional<Parsed> x = go(a);
        Optional<Parsed> y = go(b);
        if (x.isEmpty() || y.isEmpty()) return Boolean.compare(x.isPresent(), y.isPresent());
        return compare(x.get(), y.get());
    }

    static int compare(Parsed a, Parsed b) {
        int c = Digits.compare(a.major, b.major);
        if (c == 0) c = Digits.compare(a.minor, b.minor);
        if (c == 0) c = Digits.compare(a.patch, b.patch);
        if (c != 0) return c;
        if (a.pre.isEmpty() || b.pre.isEmpty()) return Boolean.compare(a.pre.isEmpty(), b.pre.isEmpty());
        for (int i = 0; i < Math.min(a.pre.size(), b.pre.size()); i++) {
            c = identifier(a.pre.get(i), b.pre.get(i));
            if (c != 0) return c;
        }
        return Integer.compare(a.pre.size(), b.pre.size());
    }

    private static int identifier(String a, String b) {
        boolean na = Digits.allDigits(a);
        boolean nb = Digits.allDigits(b);
        if (na && nb) return Digits.compare(a, b);
        if (na != nb) return na ? -1 : 1;
        return Integer.signum(a.compareTo(b));
    }
}
