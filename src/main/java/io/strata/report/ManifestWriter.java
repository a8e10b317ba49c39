package io.strata.report;

import io.strata.archive.ImageArchive;
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
 * @param manifestName where the manifest bytes were found: a digest, or {@code manifest.json}
 * @param index        index.json as stored, when the archive has one
 */
public record ManifestWriter(ImageArchive archive, ImageEntry image, String manifestName, byte[] manifest,
                             Optional<byte[]> index) {

    public Map<String, Object> json() throws SpecException {
        Map<String, Object> doc = JsonOutput.document();
        doc.put("archive", archive.label());
        doc.put("format", archive.format());
        doc.put("image", image.displayName());
        doc.put("manifestDigest", image.manifestDigest().map(Digest::toString).orElse(null));
        doc.put("manifestMediaType", image.manifestMediaType().orElse(null));
        doc.put("manifestSource", manifestName);
        doc.put("manifest", Json.tree(manifest));
        doc.put("index", index.isPresent() ? Json.tree(index.get()) : null);
        return doc;
    }

    public void text(PrintWriter out) throws SpecException {
        TextTable head = new TextTable("Image", image.displayName());
        head.row("Format", archive.format());
        head.row("Manifest", image.manifestDigest().map(Digest::toString)
                .orElse("none stored; " + manifestName + " stands for it"));
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
        if (index.isEmpty()) return;
        List<Descriptor> entries = SpecTranslator.document(index.get(), MediaType.OCI_INDEX).index()
                .map(ImageIndex::manifests).orElse(List.of());
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
