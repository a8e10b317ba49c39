package io.strata.packages.versions;

/** Numbers of any length as version strings carry them (dates, build numbers), compared without overflow. */
final class Digits {
    private Digits() {
    }

    /** Two runs of ASCII digits by value: leading zeros dropped, then the longer is larger, then text order. */
    static int compare(CharSequence a, CharSequence b) {
        int i = 0;
        int j = 0;
        while (i < a.length() - 1 && a.charAt(i) == '0') i++;
        while (j < b.length() - 1 && b.charAt(j) == '0') j++;
        int la = a.length() - i;
        int lb = b.length() - j;
        if (la != lb) return Integer.compare(la, lb);
        for (; i < a.length(); i++, j++) {
            if (a.charAt(i) != b.charAt(j)) return Integer.compare(a.charAt(i), b.charAt(j));
        }
        return 0;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean allDigits(CharSequence s) {
        if (s.length() == 0) return false;
        for (int i = 0; i < s.length(); i++) if (!isDigit(s.charAt(i))) return false;
        return true;
    }
}
