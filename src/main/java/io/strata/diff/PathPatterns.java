package io.strata.diff;

import io.strata.model.ImagePath;

import java.util.ArrayList;
import java.util.List;
import java.util.BitSet;

/**
 * Globs over absolute image paths, for {@code --ignore}: {@code *} and {@code ?} stay inside one path segment,
 * {@code **} crosses segments, {@code [abc]} is a character class. A pattern without a slash matches the base
 * name at any depth ({@code *.pyc}); a pattern ending in {@code /**} also matches the directory itself.
 */
public final class PathPatterns {
    public static final PathPatterns NONE = new PathPatterns(List.of());

    private final List<String> patterns;
    private final List<Glob> compiled;

    private PathPatterns(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
        List<Glob> out = new ArrayList<>();
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
        for (Glob g : compiled) {
            if (g.matches(absolute)) return true;
        }
        return false;
    }

    /**
     * Compiles a glob into a small automaton that is run on a path by keeping the set of states it can be in
     * (Thompson's simulation): time grows with path length times pattern length, never exponentially, so
     * {@code **}{@code /a/**}{@code /a/**}{@code /zzz} against a path of 300 segments is instant (a backtracking
     * regular expression took half a minute).
     */
    static Glob compile(String glob) {
        if (glob.isBlank()) throw new IllegalArgumentException("empty --ignore pattern");
        String g = glob;
        boolean anyDepth = !g.contains("/");
        boolean withDir = g.endsWith("/**");
        if (!anyDepth && !g.startsWith("/")) g = "/" + g;
        List<Step> steps = new ArrayList<>();
        // no slash: the base name at any depth
        if (anyDepth) steps.add(new Step(Kind.SEGMENTS, null, false));
        if (withDir) g = g.substring(0, g.length() - 3);
        int i = 0;
        while (i < g.length()) {
            char c = g.charAt(i);
            if (c == '*' && i + 1 < g.length() && g.charAt(i + 1) == '*') {
                boolean wholeSegment = i > 0 && g.charAt(i - 1) == '/' && i + 2 < g.length() && g.charAt(i + 2) == '/';
                // "/a/**/b" also matches "/a/b": the segments in between may be none
                steps.add(new Step(wholeSegment ? Kind.SEGMENTS : Kind.ANYTHING, null, false));
                i += wholeSegment ? 3 : 2;
            } else if (c == '*') {
                steps.add(new Step(Kind.IN_SEGMENT, null, false));
                i++;
            } else if (c == '?') {
                steps.add(new Step(Kind.ONE, null, false));
                i++;
            } else if (c == '[') {
                int close = g.indexOf(']', i + 2);
                if (close < 0) throw new IllegalArgumentException("--ignore '" + glob + "': '[' without ']'");
                String body = g.substring(i + 1, close);
                boolean negate = body.startsWith("!") || body.startsWith("^");
                if (negate) body = body.substring(1);
                steps.add(new Step(Kind.CLASS, body, negate));
                i = close + 1;
            } else {
                steps.add(new Step(Kind.LITERAL, String.valueOf(c), false));
                i++;
            }
        }
        return new Glob(steps, withDir);
    }

    private enum Kind { LITERAL, ONE, CLASS, IN_SEGMENT, ANYTHING, SEGMENTS }

    /**
     * One element of a glob. IN_SEGMENT ({@code *}) and ANYTHING ({@code **} inside a name) repeat on any
     * character but '/' or on any character; SEGMENTS ({@code /**}{@code /}) is "nothing, or anything ending in
     * '/'": after consuming a '/' it may move on.
     */
    private record Step(Kind kind, String chars, boolean negate) {
        boolean accepts(char c) {
            return switch (kind) {
                case LITERAL -> chars.charAt(0) == c;
                case ONE, IN_SEGMENT -> c != '/';
                case ANYTHING, SEGMENTS -> true;
                case CLASS -> inClass(c) != negate;
            };
        }

        private boolean inClass(char c) {
            for (int i = 0; i < chars.length(); i++) {
                if (i + 2 < chars.length() && chars.charAt(i + 1) == '-') {
                    if (c >= chars.charAt(i) && c <= chars.charAt(i + 2)) return true;
                    i += 2;
                } else if (chars.charAt(i) == c) {
                    return true;
                }
            }
            return false;
        }

        boolean repeats() {
            return kind == Kind.IN_SEGMENT || kind == Kind.ANYTHING || kind == Kind.SEGMENTS;
        }

        /** Whether the step may be left without consuming anything. */
        boolean optional() {
            return repeats();
        }
    }

    /** A compiled glob: states 0..n-1 are its steps, n is "matched"; {@code withDir} also takes "/anything" after. */
    static final class Glob {
        private final Step[] steps;
        private final boolean withDir;

        Glob(List<Step> steps, boolean withDir) {
            this.steps = steps.toArray(Step[]::new);
            this.withDir = withDir;
        }

        boolean matches(String text) {
            int n = steps.length;
            // states n (end of pattern) and n + 1 (inside the "/anything" a directory pattern also takes)
            BitSet current = new BitSet(n + 2);
            enter(current, 0);
            for (int t = 0; t < text.length() && !current.isEmpty(); t++) {
                char c = text.charAt(t);
                BitSet next = new BitSet(n + 2);
                for (int s = current.nextSetBit(0); s >= 0; s = current.nextSetBit(s + 1)) {
                    if (s == n) {
                        if (withDir && c == '/') next.set(n + 1);
                        continue;
                    }
                    if (s == n + 1) {
                        next.set(n + 1);
                        continue;
                    }
                    Step step = steps[s];
                    if (!step.accepts(c)) continue;
                    if (step.kind() == Kind.SEGMENTS) {
                        next.set(s); // more of the segments
                        if (c == '/') enter(next, s + 1);
                    } else if (step.repeats()) {
                        enter(next, s); // itself again, or on past it
                    } else {
                        enter(next, s + 1);
                    }
                }
                current = next;
            }
            return current.get(n) || current.get(n + 1);
        }

        /** Adds state {@code s} and every state reachable from it without consuming a character. */
        private void enter(BitSet set, int s) {
            for (; s <= steps.length; s++) {
                set.set(s);
                if (s == steps.length || !steps[s].optional()) return;
            }
        }
    }
}
