package io.strata.packages.versions;

/**
 * rpm's order of {@code [EPOCH:]VERSION[-RELEASE]} as rpm 4.18's {@code rpm.vercmp} applies it: epochs (missing is
 * 0), then versions, then releases (a missing one older than any), each by {@code rpmvercmp}: alphanumeric segments,
 * digits newer than letters, {@code ~} older and {@code ^} newer than the end.
 */
final class RpmVersions {
    private RpmVersions() {
    }

    private record Evr(String epoch, String version, String release) {
        static Evr of(String evr) {
            int s = 0;
            while (s < evr.length() && Digits.isDigit(evr.charAt(s))) s++;
            int dash = evr.lastIndexOf('-');
            String epoch = "0";
            int start = 0;
            if (s < evr.length() && evr.charAt(s) == ':') {
                epoch = s == 0 ? "0" : evr.substring(0, s);
                start = s + 1;
            }
            if (dash >= start) return new Evr(epoch, evr.substring(start, dash), evr.substring(dash + 1));
            return new Evr(epoch, evr.substring(start), "");
        }
    }

    static int compare(String a, String b) {
        Evr x = Evr.of(a);
        Evr y = Evr.of(b);
        int c = rpmvercmp(x.epoch, y.epoch);
        if (c == 0) c = rpmvercmp(x.version, y.version);
        if (c == 0) c = rpmvercmp(x.release, y.release);
        return c;
    }

    private static boolean alpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean alnum(char c) {
        return alpha(c) || Digits.isDigit(c);
    }

    static int rpmvercmp(String a, String b) {
        if (a.equals(b)) return 0;
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            while (i < a.length() && !alnum(a.charAt(i)) && a.charAt(i) != '~' && a.charAt(i) != '^') i++;
            while (j < b.length() && !alnum(b.charAt(j)) && b.charAt(j) != '~' && b.charAt(j) != '^') j++;
            char ca = i < a.length() ? a.charAt(i) : 0;
            char cb = j < b.length() ? b.charAt(j) : 0;
            if (ca == '~' || cb == '~') {
                if (ca != '~') return 1;
                if (cb != '~') return -1;
                i++;
                j++;
                continue;
            }
            if (ca == '^' || cb == '^') {
                if (ca == 0) return -1;
                if (cb == 0) return 1;
                if (ca != '^') return 1;
                if (cb != '^') return -1;
                i++;
                j++;
                continue;
            }
            if (ca == 0 || cb == 0) break;
            int ei = i;
            int ej = j;
            boolean number = Digits.isDigit(ca);
            if (number) {
                while (ei < a.length() && Digits.isDigit(a.charAt(ei))) ei++;
                while (ej < b.length() && Digits.isDigit(b.charAt(ej))) ej++;
            } else {
                while (ei < a.length() && alpha(a.charAt(ei))) ei++;
                while (ej < b.length() && alpha(b.charAt(ej))) ej++;
            }
            // a digit segment against a letter one: the digits are newer
            if (ej == j) return number ? 1 : -1;
            String sa = a.substring(i, ei);
            String sb = b.substring(j, ej);
            int c = number ? Digits.compare(sa, sb) : Integer.signum(sa.compareTo(sb));
            if (c != 0) return c;
            i = ei;
            j = ej;
        }
        boolean endA = i >= a.length();
        boolean endB = j >= b.length();
        if (endA && endB) return 0;
        return endA ? -1 : 1;
    }
}
