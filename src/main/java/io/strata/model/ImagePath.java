package io.strata.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A normalised path inside an image: no leading slash internally, no "." segments, no empty segments.
 * The root is the empty string. Shown to users with a leading slash.
 */
public record ImagePath(String relative) implements Comparable<ImagePath> {

    public static final ImagePath ROOT = new ImagePath("");

    /**
     * Normalises a tar entry name ({@code ./a}, {@code /a}, {@code a/} all become {@code a}).
     * Returns empty when the name climbs out of the root with "..": the caller reports that.
     */
    public static Optional<ImagePath> normalise(String name) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        int n = name.length();
        while (start <= n) {
            int slash = name.indexOf('/', start);
            int end = slash < 0 ? n : slash;
            String seg = name.substring(start, end);
            if (seg.isEmpty() || seg.equals(".")) {
                // skip
            } else if (seg.equals("..")) {
                if (parts.isEmpty()) return Optional.empty();
                parts.remove(parts.size() - 1);
            } else {
                parts.add(seg);
            }
            if (slash < 0) break;
            start = slash + 1;
        }
        return Optional.of(new ImagePath(String.join("/", parts)));
    }

    public boolean isRoot() {
        return relative.isEmpty();
    }

    public String name() {
        int slash = relative.lastIndexOf('/');
        return slash < 0 ? relative : relative.substring(slash + 1);
    }

    public ImagePath parent() {
        int slash = relative.lastIndexOf('/');
        return slash < 0 ? ROOT : new ImagePath(relative.substring(0, slash));
    }

    public ImagePath child(String name) {
        return new ImagePath(isRoot() ? name : relative + "/" + name);
    }

    public boolean isWithin(ImagePath ancestor) {
        return ancestor.isRoot() || relative.equals(ancestor.relative) || relative.startsWith(ancestor.relative + "/");
    }

    /** The absolute form users see: {@code /etc/passwd}. */
    public String absolute() {
        return "/" + relative;
    }

    @Override
    public int compareTo(ImagePath o) {
        return NameBytes.compare(relative, o.relative);
    }

    @Override
    public String toString() {
        return absolute();
    }
}
