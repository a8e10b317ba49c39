package io.strata.archive;

import io.strata.model.Digest;
import io.strata.model.Finding;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** An opened archive: its images and random access to its blobs. Safe to read blobs from several threads. */
public final class ImageArchive implements Closeable {
    private final String label;
    private final ArchiveFormat format;
    private final long bytes;
    private final List<ImageEntry> images;
    private final List<Finding> findings;
    private final BlobStore store;
    private final Runnable cleanup;
    /** Told the bytes read from blobs, for a progress display; null (the usual case) costs nothing. */
    private volatile java.util.function.LongConsumer readListener;

    ImageArchive(String label, ArchiveFormat format, long bytes, List<ImageEntry> images, List<Finding> findings,
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

    /** docker-archive, docker-archive+oci (Docker 25+), oci-archive, oci-layout-tar, oci-layout (directory). */
    public String format() {
        return format.label();
    }

    /** The flavour the archive was read as. */
    public ArchiveFormat flavour() {
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
        return counted(store.open(f));
    }

    /** Reports every byte read from this archive's blobs to {@code listener} (a progress meter). */
    public void onRead(java.util.function.LongConsumer listener) {
        this.readListener = listener;
    }

    private InputStream counted(InputStream in) {
        java.util.function.LongConsumer l = readListener;
        if (l == null) return in;
        return new CountingInputStream(in, l);
    }

    /**
     * The stored file that holds a layer's blob, in its present state, and the blob's place in it; equal values
     * mean the same bytes without reading them. Empty when that cannot be told (a spooled archive, for one).
     */
    public java.util.Optional<String> identity(LayerRef layer) {
        return layer.stored().flatMap(store::identity);
    }

    /** Opens any stored file by name (for verify and extract); empty when absent. */
    public java.util.Optional<InputStream> openFile(String name) throws IOException, ArchiveException {
        var f = store.find(name);
        return f.isPresent() ? java.util.Optional.of(counted(store.open(f.get()))) : java.util.Optional.empty();
    }

    /**
     * The bytes of a small stored blob found by its digest, byte for byte as stored (a config or manifest for
     * {@code strata config --raw}): a file named by the digest's hex ({@code blobs/sha256/HEX}, docker's
     * {@code HEX.json}) whose content hashes to it; empty when none does.
     */
    public java.util.Optional<byte[]> readBlob(io.strata.model.Digest digest, long maxBytes)
            throws IOException, ArchiveException {
        for (String name : store.names()) {
            String last = name.substring(name.lastIndexOf('/') + 1);
            if (!last.equals(digest.hex()) && !last.equals(digest.hex() + ".json")) continue;
            java.util.Optional<byte[]> bytes = readStored(name, maxBytes);
            if (bytes.isPresent() && (!digest.algorithm().equals("sha256")
                    || Digest.sha256Of(bytes.get()).equals(digest))) {
                return bytes;
            }
        }
        return java.util.Optional.empty();
    }

    /** A small stored file read whole ({@code manifest.json}, {@code index.json}); refused over maxBytes. */
    public java.util.Optional<byte[]> readStored(String name, long maxBytes) throws IOException, ArchiveException {
        var f = store.find(name);
        if (f.isEmpty()) return java.util.Optional.empty();
        if (f.get().size() > maxBytes) {
            throw new ArchiveException(label + ": " + name + " is " + f.get().size() + " bytes, over the limit of "
                    + maxBytes + " for a JSON document (raise --max-json-bytes)");
        }
        try (InputStream in = store.open(f.get())) {
            return java.util.Optional.of(in.readNBytes((int) f.get().size()));
        }
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
