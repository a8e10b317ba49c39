package io.strata.archive;

import io.strata.model.Finding;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** An opened archive: its images and random access to its blobs. Safe to read blobs from several threads. */
public final class ImageArchive implements Closeable {
    private final String label;
    private final String format;
    private final long bytes;
    private final List<ImageEntry> images;
    private final List<Finding> findings;
    private final BlobStore store;
    private final Runnable cleanup;

    ImageArchive(String label, String format, long bytes, List<ImageEntry> images, List<Finding> findings,
                 BlobStore store, Runnable cleanup) {
        this.label = label;
        this.format = format;
        this.bytes = bytes;
        this.images = List.copyOf(images);
        this.findings = List.copyOf(findings);
        this.store = store;
        this.cleanup = cleanup;
    }

    /** The path as the user named it. */
    public String label() {
        return label;
    }

    /** docker-archive, docker-archive+oci (Docker 25+), oci-archive, oci-layout (directory). */
    public String format() {
        return format;
    }

    public long bytes() {
        return bytes;
    }

    public List<ImageEntry> images() {
        return images;
    }

    /** Archive-level findings: orphan blobs, odd entries, names that disagree with content. */
    public List<Finding> findings() {
        return findings;
    }

    /** Opens the stored bytes of a layer blob, compressed as stored. */
    public InputStream openLayer(LayerRef layer) throws IOException {
        StoredFile f = layer.stored().orElseThrow(() -> new IOException(
                label + ": layer " + layer.index() + " blob " + layer.blobKey() + " is not in the archive"));
        return store.open(f);
    }

    /** Opens any stored file by name (for verify and extract); empty when absent. */
    public java.util.Optional<InputStream> openFile(String name) throws IOException, ArchiveException {
        var f = store.find(name);
        return f.isPresent() ? java.util.Optional.of(store.open(f.get())) : java.util.Optional.empty();
    }

    public List<String> storedNames() {
        return store.names();
    }

    @Override
    public void close() throws IOException {
        store.close();
        cleanup.run();
    }
}
