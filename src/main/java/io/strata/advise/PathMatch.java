package io.strata.advise;

import java.util.Locale;

/** Small helpers on relative image paths ("usr/lib/x"), shared by the rules. */
final class PathMatch {
    private PathMatch() {
    }

    static String name(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /**
     * True when some directory segments of path equal segment ("a/.git/b" has ".git"; a segment may hold a
     * slash: ".cache/pip"). Allocation-free: it runs for every stored path.
     */
    static boolean hasDirSegment(String path, String segment) {
        return segmentEnd(path, segment) >= 0;
    }

    /** Index just past the first directory-segment match of segment, or -1. */
    private static int segmentEnd(String path, String segment) {
        int n = segment.length();
        for (int i = path.indexOf(segment); i >= 0; i = path.indexOf(segment, i + 1)) {
            boolean startOk = i == 0 || path.charAt(i - 1) == '/';
            boolean endOk = i + n < path.length() && path.charAt(i + n) == '/';
            if (startOk && endOk) return i + n;
        }
        return -1;
    }

    /** The path up to and including the first directory segment equal to segment, or "" when none. */
    static String upToSegment(String path, String segment) {
        int end = segmentEnd(path, segment);
        return end < 0 ? "" : path.substring(0, end);
    }

    /** True when path lies below dir (not dir itself). */
    static boolean under(String path, String dir) {
        return path.length() > dir.length() && path.charAt(dir.length()) == '/' && path.startsWith(dir);
    }

    /** True when the path ends with "." + one of extensions (lower case given), ignoring case; no allocation. */
    static boolean hasExtension(String path, java.util.Collection<String> extensions) {
        int n = path.length();
        for (String ext : extensions) {
            int start = n - ext.length();
            if (start > 0 && path.charAt(start - 1) == '.' && path.regionMatches(true, start, ext, 0, ext.length())) {
                return true;
            }
        }
        return false;
    }

    static String extension(String path) {
        String name = name(path);
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /**
     * Inside third-party package trees (distribution files, language packages): names that mean "secret" or
     * "source" there are usually test fixtures or vendored code, not the user's build context.
     */
    static boolean inPackageTree(String path) {
        return path.startsWith("usr/share/") || path.startsWith("usr/lib/") || path.startsWith("usr/lib64/")
                || path.startsWith("usr/local/lib/") || path.startsWith("lib/") || path.startsWith("usr/include/")
                || hasDirSegment(path, "node_modules") || hasDirSegment(path, "site-packages")
                || hasDirSegment(path, "dist-packages") || path.contains("/go/pkg/mod/")
                || path.startsWith("go/pkg/mod/") || hasDirSegment(path, "vendor") || hasDirSegment(path, ".m2")
                || hasDirSegment(path, ".cargo") || hasDirSegment(path, "gems");
    }
}
