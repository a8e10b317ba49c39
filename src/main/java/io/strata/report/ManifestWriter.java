package io.strata.report;

import io.strata.archive.ImageEntry;
import io.strata.archive.LayerRef;
import io.strata.model.Descriptor;
import io.strata.model.Digest;
import io.strata.model.ImageIndex;
import io.strata.model.MediaType;
import io.strata.spec.Json;
import io.strata.spec.SpecException;
import io.strata.spec.SpecTranslator;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * `strata manifest` output: the chosen image's manifest (an OCI or Docker manifest blob, or for a docker-archive
 * without one its manifest.json) and the archive's index, as text or JSON.
 *
 * <p>The stored documents are parsed as they are written, each format reading what it shows: JSON both (before
 * anything is printed), text only the index (after the image and its layers). One that cannot be read ends the
 * writing with {@link UnreadableDocument}, which the command reports as bad input.
 */
public final class ManifestWriter implements ResultWriter<ManifestWriter.Manifest> {
    /**
     * manifest's result: the chosen image of an archive, its manifest as stored and the archive's index.json as
     * stored, when it has one.
     *
     * @param format         the archive's format, as {@code inspect} names it
     * @param manifestSource where the manifest bytes were found: a digest, or {@code manifest.json}
     */
    public record Manifest(String archive, String format, ImageEntry image, String manifestSource, byte[] manifest,
                           Optional<byte[]> index) {
    }

    /** A stored manifest or index that is not the JSON document it should be; the message says what is wrong. */
    public static final class UnreadableDocument extends RuntimeException {
        private final String document;

        UnreadableDocument(String document, SpecException cause) {
            super(cause.getMessage(), cause);
            this.document = document;
        }

        /** Which document does not parse: the manifest's source (a digest or manifest.json), or index.json. */
        public String document() {
            return document;
        }
    }

    @Override
    public Map<String, Object> json(Manifest result) {
        ImageEntry image = result.image();
        Map<String, Object> doc = JsonOutput.document();
        doc.put("archive", result.archive());
        doc.put("format", result.format());
        doc.put("image", image.displayName());
        doc.put("manifestDigest", image.manifestDigest().map(Digest::toString).orElse(null));
        doc.put("manifestMediaType", image.manifestMediaType().orElse(null));
        doc.put("manifestSource", result.manifestSource());
        try {
            doc.put("manifest", Json.tree(result.manifest()));
        } catch (SpecException e) {
            throw new UnreadableDocument(result.manifestSource(), e);
        }
        try {
            doc.put("index", result.index().isPresent() ? Json.tree(result.index().get()) : null);
        } catch (SpecException e) {
            throw new UnreadableDocument("index.json", e);
        }
        return doc;
    }

    @Override
    public void text(Manifest result, PrintWriter out) {
        ImageEntry image = result.image();
        TextTable head = new TextTable("Image", image.displayName());
        head.row("Format", result.format());
        head.row("Manifest", image.manifestDigest().map(Digest::toString)
                .orElse("none stored; " + result.manifestSource() + " stands for it"));
        head.row("MediaType", image.manifestMediaType().orElse(""));
        head.row("Config", image.configDigest() + "  " + image.configMediaType() + "  " + image.configBytes() + " B");
        head.print(out);
        out.println();
        TextTable layers = new TextTable("LAYER", "MEDIA TYPE", "SIZE", "DIGEST").rightAlign(2);
        for (LayerRef l : image.layers()) {
            layers.row(l.index(), l.mediaType(), l.declaredSize().map(String::valueOf).orElse(""),
                    l.declaredDigest().map(Digest::toString).orElse(l.blobKey()));
        }
        layers.print(out);
        if (result.index().isEmpty()) return;
        List<Descriptor> entries;
        try {
            entries = SpecTranslator.document(result.index().get(), MediaType.OCI_INDEX).index()
                    .map(ImageIndex::manifests).orElse(List.of());
        } catch (SpecException e) {
            throw new UnreadableDocument("index.json", e);
        }
        out.println();
        out.println("Index (index.json): " + entries.size() + (entries.size() == 1 ? " manifest" : " manifests"));
        TextTable t = new TextTable("DIGEST", "MEDIA TYPE", "SIZE", "PLATFORM", "NAME").rightAlign(2);
        for (Descriptor d : entries) {
            t.row(d.digest(), d.mediaType(), d.size(), d.platform().map(Object::toString).orElse(""),
                    d.annotation("io.containerd.image.name").or(() -> d.annotation("org.opencontainers.image.ref.name"))
                            .orElse(""));
        }
        t.print(out, "  ");
    }
}
