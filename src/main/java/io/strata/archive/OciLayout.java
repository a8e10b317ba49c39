package io.strata.archive;

import io.strata.model.Digest;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Where an OCI image layout sits in an archive and how its blobs are named: one rule for reading and verifying. */
public final class OciLayout {
    /** The annotation OCI gives a manifest's name in index.json. */
    public static final String REF_NAME = "org.opencontainers.image.ref.name";
    /** The annotation containerd (and Docker 25+) gives the full image name. */
    public static final String CONTAINERD_NAME = "io.containerd.image.name";

    private OciLayout() {
    }

    /**
     * Where the layout starts among the archive's file names: "" at the top (an index.json or oci-layout there),
     * "dir/" when packed under one folder (the first "dir/index.json" in archive order), empty when there is none.
     */
    public static Optional<String> findPrefix(List<String> names) {
        return findPrefix(names::contains, () -> names);
    }

    /** As above, asking {@code present} about the top files first, so a layout at the top lists nothing. */
    public static Optional<String> findPrefix(Predicate<String> present, Supplier<List<String>> names) {
        if (present.test("index.json") || present.test("oci-layout")) return Optional.of("");
        for (String n : names.get()) {
            int slash = n.indexOf('/');
            if (slash > 0 && slash == n.lastIndexOf('/') && n.endsWith("/index.json")) {
                return Optional.of(n.substring(0, slash + 1));
            }
        }
        return Optional.empty();
    }

    /** The file that holds a blob: {@code PREFIX/blobs/ALGORITHM/HEX}. */
    public static String blobName(String prefix, Digest d) {
        return prefix + "blobs/" + d.algorithm() + "/" + d.hex();
    }
}
