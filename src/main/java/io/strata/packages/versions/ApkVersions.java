package io.strata.packages.versions;

/**
 * Alpine's version order, as apk-tools' {@code version.c} (2024 rewrite) reads {@code digit{.digit}...{letter}
 * {_suffix{#}}...{~hash}{-r#}}: tokens compared in turn while both strings have the same kind; digits after a dot
 * as numbers unless one starts with 0 (then as text); pre-release suffixes (alpha, beta, pre, rc) older than the
 * end, post-release ones (cvs, svn, git, hg, p) newer. A string that stops being a valid version compares as far
 * as it is one.
 */
final class ApkVersions {
    private ApkVersions() {
    }

    private static final int INITIAL_DIGIT = 0;
    private static final int DIGIT = 1;
    private static final int LETTER = 2;
    private static final int SUFFIX = 3;
    private static final int SUFFIX_NO = 4;
    private static final int COMMIT_HASH = 5;
    private static final int REVISION_NO = 6;
    private static final int END = 7;
    private static final int INVALID = 8;

    /** Suffix ranks: the pre-release ones below NONE (the end), the post-release ones above. */
    private static final String[] SUFFIXES = {"", "alpha", "beta", "pre", "rc", "", "cvs", "svn", "git", "hg", "p"};
    private static final int SUFFIX_NONE = 5;

    /** A cursor over one version string: the current token's kind, its text and value. */
    private static final class Tokens {
        final String s;
        int pos;
        int token;
        int suffix;
        String value = "";

        Tokens(String s) {
            this.s = s;
            token = INITIAL_DIGIT;
            digits();
        }

        private void digits() {
            int start = pos;
            while (pos < s.length() && Digits.isDigit(s.charAt(pos))) pos++;
            value = s.substring(start, pos);
            if (value.isEmpty()) token = INVALID;
        }

        void next() {
            if (pos >= s.length()) {
                token = END;
                return;
            }
            char c = s.charAt(pos);
            if (c >= 'a' && c <= 'z') {
                if (token > DIGIT) {
                    token = INVALID;
                    return;
                }
                value = String.valueOf(c);
                token = LETTER;
                pos++;
            } else if (c == '.' || Digits.isDigit(c)) {
                if (c == '.') {
                    if (token > DIGIT) {
                        token = INVALID;
                        return;
                    }
                    pos++;
                }
                if (token == INITIAL_DIGIT || token == DIGIT) token = DIGIT;
                else if (token == SUFFIX) token = SUFFIX_NO;
                else {
                    token = INVALID;
                    return;
                }
                digits();
            } else if (c == '_') {
                if (token > SUFFIX_NO) {
                    token = INVALID;
                    return;
                }
                pos++;
                int start = pos;
                while (pos < s.length() && s.charAt(pos) >= 'a' && s.charAt(pos) <= 'z') pos++;
                value = s.substring(start, pos);
                suffix = suffixRank(value);
                token = suffix == 0 ? INVALID : SUFFIX;
            } else if (c == '~') {
                if (token >= COMMIT_HASH) {
                    token = INVALID;
                    return;
                }
                pos++;
                int start = pos;
                while (pos < s.length() && (Digits.isDigit(s.charAt(pos))
                        || (s.charAt(pos) >= 'a' && s.charAt(pos) <= 'f'))) pos++;
                value = s.substring(start, pos);
                token = value.isEmpty() ? INVALID : COMMIT_HASH;
            } else if (c == '-') {
                if (token >= REVISION_NO || !s.startsWith("-r", pos)) {
                    token = INVALID;
                    return;
                }
                pos += 2;
                token = REVISION_NO;
                digits();
            } else {
                token = INVALID;
            }
        }
    }

    private static int suffixRank(String text) {
        if (text.isEmpty()) return 0;
        for (int i = 1; i < SUFFIXES.length; i++) if (i != SUFFIX_NONE && SUFFIXES[i].equals(text)) return i;
        return 0;
    }

    private static int compareTokens(Tokens a, Tokens b) {
        switch (a.token) {
            case DIGIT:
                // a leading zero makes it text, as in Gentoo's rules
                if (a.value.startsWith("0") || b.value.startsWith("0")) return text(a.value, b.value);
                return Digits.compare(a.value, b.value);
            case INITIAL_DIGIT:
            case SUFFIX_NO:
            case REVISION_NO:
                return Digits.compare(a.value, b.value);
            case LETTER:
                return Integer.compare(a.value.charAt(0), b.value.charAt(0));
            case SUFFIX:
                return Integer.compare(a.suffix, b.suffix);
            default:
                return text(a.value, b.value);
        }
    }

    private static int text(String a, String b) {
        return Integer.signum(a.compareTo(b));
    }

    static int compare(String x, String y) {
        Tokens a = new Tokens(x.trim());
        Tokens b = new Tokens(y.trim());
        while (a.token == b.token && a.token < END) {
            int c = compareTokens(a, b);
            if (c != 0) return c;
            a.next();
            b.next();
        }
        if (a.token == b.token) return 0;
        if (a.token == SUFFIX && a.suffix < SUFFIX_NONE) return -1;
        if (b.token == SUFFIX && b.suffix < SUFFIX_NONE) return 1;
        if (a.token > b.token) return -1;
        if (b.token > a.token) return 1;
        return 0;
    }
}
