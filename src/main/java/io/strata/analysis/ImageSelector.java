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
        return listed(all, image, platform).stream()
                .filter(e -> image.isPresent() || e.kind() == ImageEntry.Kind.IMAGE)
                .toList();
    }

    /** Every entry matching the filters, whatever its kind: what `inspect` lists (artifacts included). */
    public static List<ImageEntry> listed(List<ImageEntry> all, Optional<String> image, Optional<Platform> platform) {
        List<ImageEntry> named = image.map(ref -> named(all, ref)).orElse(all);
        return named.stream()
                .filter(e -> platform.map(p -> e.platform().matches(p)).orElse(true))
                .toList();
    }

    /**
     * The entries --image names: by tag first (an OCI ref.name may well be "1"), else by position, else by
     * manifest or config digest prefix.
     */
    private static List<ImageEntry> named(List<ImageEntry> all, String wanted) {
        String w = wanted.startsWith("@") ? wanted.substring(1) : wanted;
        List<ImageEntry> byRef = all.stream().filter(e -> e.refs().stream().anyMatch(r -> refMatches(r, wanted))).toList();
        if (!byRef.isEmpty()) return byRef;
        if (w.matches("\\d{1,6}")) {
            int position = Integer.parseInt(w);
            return all.stream().filter(e -> e.position() == position).toList();
        }
        return all.stream().filter(e -> e.manifestDigest().map(d -> d.matchesPrefix(w)).orElse(false)
                || e.configDigest().matchesPrefix(w)).toList();
    }

    /**
     * Exactly one container image, or a SelectionException that lists what exists and how to pick. Artifacts and
     * attestations are never chosen: commands that read layers need a container image.
     */
    public static ImageEntry one(String archive, List<ImageEntry> all, Optional<String> image,
                                 Optional<Platform> platform) throws SelectionException {
        List<ImageEntry> candidates = listed(all, image, platform);
        List<ImageEntry> found = candidates.stream().filter(e -> e.kind() == ImageEntry.Kind.IMAGE).toList();
        if (found.size() == 1) return found.get(0);
        if (found.isEmpty() && !candidates.isEmpty()) {
            throw new SelectionException(archive + ": " + notAnImage(candidates)
                    + (all.size() > candidates.size() ? "; found " + describe(all) : ""));
        }
        if (found.isEmpty()) {
            throw new SelectionException(archive + ": no image matches"
                    + image.map(i -> " --image " + i).orElse("") + platform.map(p -> " --platform " + p).orElse("")
                    + "; found " + describe(all));
        }
        List<String> platforms = found.stream().map(e -> e.platform().toString()).distinct().toList();
        if (platform.isEmpty() && image.isEmpty() && platforms.size() == found.size()) {
            throw new SelectionException(archive + ": holds " + found.size() + " platform images, choose one with "
                    + platforms.stream().map(p -> "--platform " + p).collect(Collectors.joining(" or "))
                    + " (or --image TAG|DIGEST|POSITION): " + describe(found));
        }
        throw new SelectionException(archive + ": holds " + found.size() + " images, choose one with "
                + (platform.isEmpty() && platforms.size() > 1 ? "--platform os/arch[/variant] or " : "")
                + "--image TAG|DIGEST|POSITION: " + describe(found));
    }

    private static String notAnImage(List<ImageEntry> entries) {
        if (entries.size() == 1) {
            ImageEntry e = entries.get(0);
            String name = e.refs().isEmpty() ? "<untagged>" : String.join(", ", e.refs());
            return "[" + e.position() + "] " + name + e.manifestDigest().map(d -> " @" + d.shortHex()).orElse("")
                    + " is " + kindPhrase(e) + ", not a container image; `strata inspect` lists it";
        }
        return "holds no container image, only " + describe(entries) + "; `strata inspect` lists them";
    }

    private static String kindPhrase(ImageEntry e) {
        return e.kind() == ImageEntry.Kind.ATTESTATION ? "an attestation manifest"
                : "an OCI artifact (config media type " + (e.configMediaType().isEmpty() ? "none" : e.configMediaType()) + ")";
    }

    public static String describe(List<ImageEntry> images) {
        return images.stream().map(e -> "[" + e.position() + "] " + (e.refs().isEmpty() ? "<untagged>" : String.join(", ", e.refs()))
                + (e.platform().isUnknown() ? "" : " " + e.platform()) + (e.kind() == ImageEntry.Kind.IMAGE ? "" : " (" + e.kind().name().toLowerCase() + ")")
                + e.manifestDigest().map(d -> " @" + d.shortHex()).orElse(""))
                .collect(Collectors.joining("; "));
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
