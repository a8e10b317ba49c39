package io.strata.analysis;

import io.strata.archive.ImageEntry;
import io.strata.model.Platform;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Chooses images by --image (tag, digest or position) and --platform, and says how to choose when unsure. */
public final class ImageSelector {
    private ImageSelector() {
    }

    /** Every image matching the filters; attestations and artifacts only when named explicitly. */
    public static List<ImageEntry> matching(List<ImageEntry> all, Optional<String> image, Optional<Platform> platform) {
        return all.stream()
                .filter(e -> image.isPresent() || e.kind() == ImageEntry.Kind.IMAGE)
                .filter(e -> image.map(ref -> matches(e, ref)).orElse(true))
                .filter(e -> platform.map(p -> e.platform().matches(p)).orElse(true))
                .toList();
    }

    /** Exactly one image, or a SelectionException that lists what exists and how to pick. */
    public static ImageEntry one(String archive, List<ImageEntry> all, Optional<String> image,
                                 Optional<Platform> platform) throws SelectionException {
        List<ImageEntry> found = matching(all, image, platform);
        if (found.size() == 1) return found.get(0);
        if (found.isEmpty()) {
            throw new SelectionException(archive + ": no image matches"
                    + image.map(i -> " --image " + i).orElse("") + platform.map(p -> " --platform " + p).orElse("")
                    + "; found " + describe(all));
        }
        throw new SelectionException(archive + ": holds " + found.size() + " images, choose one with "
                + (platform.isEmpty() && found.stream().map(ImageEntry::platform).distinct().count() > 1
                ? "--platform os/arch[/variant] or " : "") + "--image TAG|DIGEST|POSITION: " + describe(found));
    }

    public static String describe(List<ImageEntry> images) {
        return images.stream().map(e -> "[" + e.position() + "] " + (e.refs().isEmpty() ? "<untagged>" : String.join(", ", e.refs()))
                + " " + e.platform() + (e.kind() == ImageEntry.Kind.IMAGE ? "" : " (" + e.kind().name().toLowerCase() + ")")
                + e.manifestDigest().map(d -> " " + d.shortHex()).orElse(""))
                .collect(Collectors.joining("; "));
    }

    static boolean matches(ImageEntry e, String wanted) {
        String w = wanted.startsWith("@") ? wanted.substring(1) : wanted;
        if (w.matches("\\d{1,6}")) return e.position() == Integer.parseInt(w);
        if (e.manifestDigest().map(d -> d.matchesPrefix(w)).orElse(false)) return true;
        if (e.configDigest().matchesPrefix(w)) return true;
        for (String ref : e.refs()) {
            if (refMatches(ref, w)) return true;
        }
        return false;
    }

    /** "ctest/sample:1.0" matches "docker.io/ctest/sample:1.0" and "localhost/ctest/sample:1.0"; no tag means latest. */
    static boolean refMatches(String ref, String wanted) {
        if (ref.equals(wanted)) return true;
        String w = hasTag(wanted) ? wanted : wanted + ":latest";
        String r = hasTag(ref) ? ref : ref + ":latest";
        if (r.equals(w)) return true;
        return r.endsWith("/" + w) || stripLibrary(r).endsWith("/" + w) || stripLibrary(r).equals(w);
    }

    private static boolean hasTag(String ref) {
        int slash = ref.lastIndexOf('/');
        return ref.indexOf(':', slash + 1) >= 0 || ref.contains("@");
    }

    private static String stripLibrary(String ref) {
        return ref.replaceFirst("^(docker\\.io/)?library/", "");
    }
}
