package io.strata.archive;

import io.strata.model.Finding;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Finds the images of an archive. One implementation per flavour: {@link DockerArchiveResolver} (manifest.json:
 * legacy, podman/skopeo flat, Docker 25+) and {@link OciLayoutResolver} (index.json); {@link #resolve} picks one.
 * A new flavour is a new implementation and a branch in {@link #of}.
 */
interface ImageResolver {
    /** Every image the archive holds, in archive order. */
    List<ImageEntry> images() throws ArchiveException;

    ArchiveFormat format();

    /**
     * Reads the archive's layout into an {@link ImageArchive}; {@code directory} when the store is an OCI layout
     * directory rather than a tar. The store is closed when this fails.
     */
    static ImageArchive resolve(BlobStore store, String label, boolean directory, Limits limits, Runnable cleanup,
                                long bytes) throws ArchiveException {
        try {
            LayoutReader in = new LayoutReader(store, label, limits);
            ImageResolver resolver = of(in, directory);
            List<ImageEntry> images = resolver.images();
            if (images.isEmpty()) {
                throw new ArchiveException(label + ": no readable image: "
                        + in.findings.stream().map(Finding::message).findFirst().orElse("the archive lists none"));
            }
            return new ImageArchive(label, resolver.format(), bytes, images, in.findings, store, cleanup);
        } catch (ArchiveException | RuntimeException e) {
            try {
                store.close();
            } catch (IOException ignored) {
                // already failing
            }
            throw e;
        }
    }

    private static ImageResolver of(LayoutReader in, boolean directory) throws ArchiveException {
        boolean hasDockerManifest = in.has("manifest.json");
        Optional<String> ociPrefix = ociPrefix(in);
        if (hasDockerManifest) return new DockerArchiveResolver(in, ociPrefix);
        if (ociPrefix.isPresent()) {
            String prefix = ociPrefix.get();
            return new OciLayoutResolver(in, prefix, directory ? ArchiveFormat.OCI_LAYOUT
                    : prefix.isEmpty() ? ArchiveFormat.OCI_ARCHIVE : ArchiveFormat.OCI_LAYOUT_TAR);
        }
        if (in.has("repositories")) {
            throw new ArchiveException(in.label + ": a pre-1.10 docker save (repositories but no manifest.json) is not supported");
        }
        throw new ArchiveException(in.label + ": not an image archive: no manifest.json, index.json or oci-layout"
                + (directory ? " in the directory" : " (a plain file-system tar or a single layer?)"));
    }

    /** The OCI layout's place in the archive, by the rule verify uses too ({@link OciLayout#findPrefix}). */
    private static Optional<String> ociPrefix(LayoutReader in) throws ArchiveException {
        ArchiveException[] failed = new ArchiveException[1];
        Optional<String> prefix = OciLayout.findPrefix(name -> {
            try {
                return in.has(name);
            } catch (ArchiveException e) {
                failed[0] = e;
                return false;
            }
        }, in.store::names);
        if (failed[0] != null) throw failed[0];
        return prefix;
    }
}
