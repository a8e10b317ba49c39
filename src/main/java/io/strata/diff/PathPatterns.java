package io.strata.diff;

import io.strata.model.ImagePath;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Globs over absolute image paths, for {@code --ignore}: {@code *} and {@code ?} stay inside one path segment,
 * {@code **} crosses segments, {@code [abc]} is a character class. A pattern without a slash matches the base
 * name at any depth ({@code *.pyc}); a pattern ending in {@code /**} also matches the directory itself.
 */
public final class PathPatterns {
    public static final PathPatterns NONE = new PathPatterns(List.of());

    private final List<String> patterns;
    private final List<Pattern> compiled;

    private PathPatterns(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
        List<Pattern> out = new ArrayList<>();
        for (String p : patterns) out.add(compile(p));
        this.compiled = List.copyOf(out);
    }

    /** Throws IllegalArgumentException naming the pattern when it is empty or its brackets do not close. */
    public static PathPatterns of(List<String> patterns) {
        return patterns.isEmpty() ? NONE : new PathPatterns(patterns);
    }

    public List<String> patterns() {
        return patterns;
    }

    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    public boolean matches(ImagePath path) {
        if (compiled.isEmpty()) return false;
        String absolute = path.absolute();
        for (Pattern p : compiled) {
            if (p.matcher(absolute).matches()) return true;
        }
        return false;
    }

    static Pattern compile(String glob) {
        if (glob.isBlank()) throw new IllegalArgumentException("empty --ignore pattern");
        String g = glob;
        boolean anyDepth = !g.contains("/");
        boolean withDir = g.endsWith("/**");
        if (!anyDepth && !g.startsWith("/")) g = "/" + g;
        StringBuilder re = new StringBuilder(anyDepth ? "(?:.*/)?" : "");
        if (withDir) g = g.substring(0, g.length() - 3);
        int i = 0;
        while (i < g.length()) {
            char c = g.charAt(i);
            if (c == '*' && i + 1 < g.length() && g.charAt(i + 1) == '*') {
                boolean wholeSegment = i > 0 && g.charAt(i - 1) == '/' && i + 2 < g.length() && g.charAt(i + 2) == '/';
                // "/a/**/b" also matches "/a/b": the segments in between may be none
                re.append(wholeSegment ? "(?:.*/)?" : ".*");
                i += wholeSegment ? 3 : 2;
            } else if (c == '*') {
                re.append("[^/]*");
                i++;
            } else if (c == '?') {
                re.append("[^/]");
                i++;
            } else if (c == '[') {
                int close = g.indexOf(']', i + 2);
                if (close < 0) throw new IllegalArgumentException("--ignore '" + glob + "': '[' without ']'");
                String body = g.substring(i + 1, close);
                boolean negate = body.startsWith("!") || body.startsWith("^");
                if (negate) body = body.substring(1);
                re.append('[').append(negate ? "^" : "").append(body.replace("\\", "\\\\").replace("[", "\\["))
                        .append(']');
                i = close + 1;
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
                i++;
            }
        }
        if (withDir) re.append("(?:/.*)?");
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
