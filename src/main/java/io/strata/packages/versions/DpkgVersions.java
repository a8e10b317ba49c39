package io.strata.packages.versions;

/**
 * Debian's version order (Debian Policy 5.6.12, dpkg's {@code verrevcmp}): {@code [epoch:]upstream[-revision]};
 * the epoch compares as a number, upstream and revision alternate non-digit runs (letters before other characters,
 * {@code ~} before everything, even the end) and digit runs compared as numbers.
 */
final class DpkgVersions {
    private DpkgVersions() {
    }

    private record Parsed(String epoch, String upstream, String revision) {
        static Parsed of(String v) {
            String s = v.trim();
            String epoch = "0";
            int colon = s.indexOf(':');
            if (colon >= 0 && Digits.allDigits(s.substring(0, colon))) {
                epoch = s.substring(0, colon);
                s = s.substring(colon + 1);
            }
            int dash = s.lastIndexOf('-');
            return dash >= 0 ? new Parsed(epoch, s.substring(0, dash), s.substring(dash + 1)) : new Parsed(epoch, s, "");
        }
    }

    static int compare(String a, String b) {
        Parsed x = Parsed.of(a);
        Parsed y = Parsed.of(b);
        int c = Digits.compare(x.epoch, y.epoch);
        if (c != 0) return c;
        c = verrevcmp(x.upstream, y.upstream);
        return c != 0 ? c : verrevcmp(x.revision, y.revision);
    }

    private static int order(int c) {
        if (Digits.isDigit((char) c)) return 0;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return c;
        if (c == '~') return -1;
        return c == 0 ? 0 : c + 256;
    }

    private static int at(String s, int i) {
        return i < s.length() ? s.charAt(i) : 0;
    }

    static int verrevcmp(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            while ((i < a.length() && !Digits.isDigit(a.charAt(i))) || (j < b.length() && !Digits.isDigit(b.charAt(j)))) {
                int ac = order(at(a, i));
                int bc = order(at(b, j));
                if (ac != bc) return Integer.signum(ac - bc);
                i++;
                j++;
            }
            int si = i;
            int sj = j;
            while (i < a.length() && Digits.isDigit(a.charAt(i))) i++;
            while (j < b.length() && Digits.isDigit(b.charAt(j))) j++;
            int c = Digits.compare(si == i ? "0" : a.substring(si, i), sj == j ? "0" : b.substring(sj, j));
            if (c != 0) return c;
        }
        return 0;
    }
}
