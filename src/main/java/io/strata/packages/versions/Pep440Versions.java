package io.strata.packages.versions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python's version order (PEP 440, as the {@code packaging} library implements it): epoch, release (trailing zeros
 * ignored), then pre-release (a &lt; b &lt; rc; a bare dev release before all of them), post-release, dev release
 * and local label. The spellings PEP 440 normalises (alpha, c, preview, rev, -1, separators, case) are accepted.
 */
final class Pep440Versions {
    private Pep440Versions() {
    }

    /** packaging's VERSION_PATTERN. */
    private static final Pattern VERSION = Pattern.compile("^\\s*v?(?:(?:([0-9]+)!)?([0-9]+(?:\\.[0-9]+)*)"
            + "([-_.]?(alpha|a|beta|b|preview|pre|c|rc)[-_.]?([0-9]+)?)?"
            + "((?:-([0-9]+))|(?:[-_.]?(post|rev|r)[-_.]?([0-9]+)?))?"
            + "([-_.]?(dev)[-_.]?([0-9]+)?)?)"
            + "(?:\\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?\\s*$", Pattern.CASE_INSENSITIVE);

    record Parsed(String epoch, List<String> release, Optional<String> preLabel, String pre, Optional<String> post,
                  Optional<String> dev, Optional<List<String>> local) {
    }

    static Optional<Parsed> parse(String v) {
        Matcher m = VERSION.matcher(v);
        if (!m.matches()) return Optional.empty();
        List<String> release = new ArrayList<>(List.of(m.group(2).split("\\.")));
        while (release.size() > 1 && Digits.compare(release.get(release.size() - 1), "0") == 0) {
            release.remove(release.size() - 1);
        }
        Optional<String> preLabel = Optional.ofNullable(m.group(4)).map(l -> switch (l.toLowerCase(Locale.ROOT)) {
            case "alpha", "a" -> "a";
            case "beta", "b" -> "b";
            default -> "rc";
        });
        String pre = m.group(5) == null ? "0" : m.group(5);
        Optional<String> post = m.group(6) == null ? Optional.empty()
                : Optional.of(m.group(7) != null ? m.group(7) : m.group(9) != null ? m.group(9) : "0");
        Optional<String> dev = m.group(10) == null ? Optional.empty()
                : Optional.of(m.group(12) == null ? "0" : m.group(12));
        Optional<List<String>> local = Optional.ofNullable(m.group(13))
                .map(l -> List.of(l.toLowerCase(Locale.ROOT).split("[-_.]")));
        return Optional.of(new Parsed(m.group(1) == null ? "0" : m.group(1), release, preLabel, pre, post, dev, local));
    }

    /** Two valid versions by PEP 440; anything else by rpm's segment order, which reads any text. */
    static int compare(String a, String b) {
        Optional<Parsed> x = parse(a);
        Optional<Parsed> y = parse(b);
        if (x.isEmpty() || y.isEmpty()) return RpmVersions.rpmvercmp(a.trim(), b.trim());
        return compare(x.get(), y.get());
    }

    static int compare(Parsed a, Parsed b) {
        int c = Digits.compare(a.epoch, b.epoch);
        if (c != 0) return c;
        for (int i = 0; i < Math.max(a.release.size(), b.release.size()); i++) {
            if (i >= a.release.size()) return -1;
            if (i >= b.release.size()) return 1;
            c = Digits.compare(a.release.get(i), b.release.get(i));
            if (c != 0) return c;
        }
        c = Integer.compare(preRank(a), preRank(b));
        if (c != 0) return c;
        if (a.preLabel.isPresent()) {
            c = a.preLabel.get().compareTo(b.preLabel.get());
            if (c == 0) c = Digits.compare(a.pre, b.pre);
            if (c != 0) return Integer.signum(c);
        }
        // no post-release is older than any
        c = optional(a.post, b.post, -1);
        if (c != 0) return c;
        // no dev release is newer than any
        c = optional(a.dev, b.dev, 1);
        if (c != 0) return c;
        if (a.local.isEmpty() || b.local.isEmpty()) return Boolean.compare(a.local.isPresent(), b.local.isPresent());
        List<String> la = a.local.get();
        List<String> lb = b.local.get();
        for (int i = 0; i < Math.min(la.size(), lb.size()); i++) {
            c = localPart(la.get(i), lb.get(i));
            if (c != 0) return c;
        }
        return Integer.compare(la.size(), lb.size());
    }

    /** 0: a bare dev release (before every pre-release), 1: a pre-release, 2: neither (a release or post-release). */
    private static int preRank(Parsed p) {
        if (p.preLabel.isPresent()) return 1;
        return p.post.isEmpty() && p.dev.isPresent() ? 0 : 2;
    }

    private static int optional(Optional<String> a, Optional<String> b, int absent) {
        if (a.isEmpty() && b.isEmpty()) return 0;
        if (a.isEmpty()) return absent;
        if (b.isEmpty()) return -absent;
        return Digits.compare(a.get(), b.get());
    }

    /** Local label segments: numbers by value and newer than words; words as text. */
    private static int localPart(String a, String b) {
        boolean na = Digits.allDigits(a);
        boolean nb = Digits.allDigits(b);
        if (na && nb) return Digits.compare(a, b);
        if (na != nb) return na ? 1 : -1;
        return Integer.signum(a.compareTo(b));
    }
}
