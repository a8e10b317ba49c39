package io.strata.verify;

import io.strata.model.FindingCode;
import io.strata.archive.OciLayout;
import io.strata.model.Descriptor;
import io.strata.model.Digest;
import io.strata.model.Finding;
import io.strata.model.ImageIndex;
import io.strata.model.Manifest;
import io.strata.model.MediaType;
import io.strata.spec.Json;
import io.strata.spec.SpecException;
import io.strata.spec.SpecTranslator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Walks an OCI image layout from its index.json, independently of the reader: every index, manifest and config
 * blob it reaches is read (bounded), its size and digest compared with the descriptor that named it, in the
 * descriptor's own algorithm; references that do not resolve, cycles and over-deep nesting are findings. Layer
 * blobs are only located here; their bytes are checked by the caller, which streams them once.
 */
final class OciLayoutChecks {
    /** A layer descriptor reached by the walk, with where it was named. */
    record LayerBlob(String name, Descriptor descriptor, String where) {
    }

    record Result(List<Finding> findings, Set<String> reached, Map<String, LayerBlob> layers) {
    }

    private final ArchiveFiles files;
    private final String prefix;
    private final long maxJsonBytes;
    private final int maxDepth;
    private final List<Finding> findings = new ArrayList<>();
    private final Set<String> reached = new HashSet<>();
    private final Map<String, LayerBlob> layers = new LinkedHashMap<>();
    private final Set<Digest> verifiedJson = new HashSet<>();

    private OciLayoutChecks(ArchiveFiles files, String prefix, long maxJsonBytes, int maxDepth) {
        this.files = files;
        this.prefix = prefix;
        this.maxJsonBytes = maxJsonBytes;
        this.maxDepth = maxDepth;
    }

    static Result check(ArchiveFiles files, String prefix, long maxJsonBytes, int maxDepth) {
        OciLayoutChecks c = new OciLayoutChecks(files, prefix, maxJsonBytes, maxDepth);
        c.run();
        return new Result(List.copyOf(c.findings), Set.copyOf(c.reached), Map.copyOf(c.layers));
    }

    private void run() {
        checkLayoutMarker();
        String indexName = prefix + "index.json";
        Optional<byte[]> raw = readBounded(indexName, maxJsonBytes);
        if (raw.isEmpty()) return;
        if (raw.get().length > maxJsonBytes) {
            findings.add(Finding.error(FindingCode.JSON_TOO_LARGE, indexName + " is over the limit of " + maxJsonBytes
                    + " bytes (see --max-json-bytes)").atPath(indexName));
            return;
        }
        SpecTranslator.Document doc;
        try {
            doc = SpecTranslator.document(raw.get(), MediaType.OCI_INDEX);
        } catch (SpecException e) {
            findings.add(Finding.error(FindingCode.MALFORMED_JSON, indexName + ": " + e.getMessage()).atPath(indexName));
            return;
        }
        checkSizeTypes(raw.get(), indexName, indexName);
        List<Descriptor> top = doc.index().map(ImageIndex::manifests).orElse(List.of());
        if (top.isEmpty()) {
            findings.add(Finding.info(FindingCode.EMPTY_INDEX, indexName + " lists no manifests").atPath(indexName));
        }
        for (int i = 0; i < top.size(); i++) {
            visit(top.get(i), indexName + " manifests[" + i + "]", 1, new HashSet<>());
        }
    }

    private void checkLayoutMarker() {
        String name = prefix + "oci-layout";
        try {
            Optional<byte[]> marker = files.read(name, 64 * 1024);
            if (marker.isEmpty()) {
                findings.add(Finding.warning(FindingCode.MISSING_OCI_LAYOUT, "the layout has no oci-layout file").atPath(name));
                return;
            }
            String version = Json.tree(marker.get()).path("imageLayoutVersion").asText("");
            if (version.isEmpty()) {
                findings.add(Finding.warning(FindingCode.BAD_OCI_LAYOUT, name + " has no imageLayoutVersion").atPath(name));
            }
        } catch (IOException | SpecException e) {
            findings.add(Finding.warning(FindingCode.BAD_OCI_LAYOUT, name + ": " + e.getMessage()).atPath(name));
        }
    }

    private void visit(Descriptor d, String where, int depth, Set<Digest> path) {
        String name = OciLayout.blobName(prefix, d.digest());
        reached.add(name);
        if (path.contains(d.digest())) {
            findings.add(Finding.error(FindingCode.INDEX_CYCLE, where + " refers back to " + d.digest()
                    + ", an index that contains it").atPath(name));
            return;
        }
        if (depth > maxDepth) {
            findings.add(Finding.error(FindingCode.INDEX_TOO_DEEP, "indexes nested deeper than " + maxDepth + " levels at "
                    + where).atPath(name));
            return;
        }
        Optional<byte[]> bytes = verifiedJson(d, where);
        if (bytes.isEmpty()) return;
        SpecTranslator.Document doc;
        try {
            doc = SpecTranslator.document(bytes.get(), d.mediaType());
        } catch (SpecException e) {
            findings.add(Finding.error(FindingCode.MALFORMED_JSON, where + " (" + d.digest() + "): " + e.getMessage())
                    .atPath(name));
            return;
        }
        checkSizeTypes(bytes.get(), where + " (" + d.digest() + ")", name);
        checkKind(d, doc, where, name);
        path.add(d.digest());
        if (doc.index().isPresent()) {
            List<Descriptor> children = doc.index().get().manifests();
            for (int i = 0; i < children.size(); i++) {
                visit(children.get(i), "index " + d.digest().shortHex() + " manifests[" + i + "]", depth + 1, path);
            }
        } else {
            Manifest m = doc.manifest().orElseThrow();
            String at = "manifest " + d.digest().shortHex();
            reached.add(OciLayout.blobName(prefix, m.config().digest()));
            verifiedJson(m.config(), at + " config");
            for (int l = 0; l < m.layers().size(); l++) {
                Descriptor layer = m.layers().get(l);
                String layerName = OciLayout.blobName(prefix, layer.digest());
                reached.add(layerName);
                layers.putIfAbsent(layerName, new LayerBlob(layerName, layer, at + " layer " + l));
            }
        }
        path.remove(d.digest());
    }

    /**
     * A descriptor whose media type says index over a blob that is a manifest, or the reverse: a reader that goes
     * by the descriptor (as docker and containerd do) sees another document than one that goes by the content.
     */
    private void checkKind(Descriptor d, SpecTranslator.Document doc, String where, String name) {
        String type = d.mediaType();
        if (MediaType.isIndex(type) && doc.manifest().isPresent()) {
            findings.add(Finding.error("media-type-mismatch", where + ": the descriptor says " + type
                    + " (an index) but " + d.digest() + " is an image manifest").atPath(name));
        } else if (MediaType.isManifest(type) && doc.index().isPresent()) {
            findings.add(Finding.error("media-type-mismatch", where + ": the descriptor says " + type
                    + " (an image manifest) but " + d.digest() + " is an index").atPath(name));
        }
    }

    /**
     * Every descriptor's size must be a JSON integer: the reader takes {@code "size":"10240"} (a string) as the
     * number it spells, as lenient readers do, but the spec says int64, and strict readers refuse it.
     */
    private void checkSizeTypes(byte[] json, String where, String name) {
        com.fasterxml.jackson.databind.JsonNode root;
        try {
            root = Json.tree(json);
        } catch (SpecException e) {
            return; // reported as malformed by the reader
        }
        List<com.fasterxml.jackson.databind.JsonNode> descriptors = new ArrayList<>();
        for (String list : List.of("manifests", "layers", "blobs")) root.path(list).forEach(descriptors::add);
        for (String one : List.of("config", "subject")) if (root.path(one).isObject()) descriptors.add(root.path(one));
        for (com.fasterxml.jackson.databind.JsonNode dn : descriptors) {
            com.fasterxml.jackson.databind.JsonNode size = dn.get("size");
            if (size != null && !size.isIntegralNumber()) {
                findings.add(Finding.error("descriptor-size-type", where + ": the descriptor of "
                        + dn.path("digest").asText("?") + " gives its size as " + kind(size) + " " + size
                        + ", not an integer").atPath(name));
            }
        }
    }

    private static String kind(com.fasterxml.jackson.databind.JsonNode n) {
        if (n.isTextual()) return "a string";
        if (n.isNumber()) return "a fraction";
        if (n.isBoolean()) return "a boolean";
        if (n.isNull()) return "null";
        return "an " + n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Reads a JSON blob (manifest, index or config) named by a descriptor and checks its size and digest.
     * A descriptor claiming more than the JSON limit is refused before a byte is read.
     */
    private Optional<byte[]> verifiedJson(Descriptor d, String where) {
        String name = OciLayout.blobName(prefix, d.digest());
        if (d.size() > maxJsonBytes) {
            findings.add(Finding.error(FindingCode.JSON_TOO_LARGE, where + " claims " + d.size() + " bytes, over the limit of "
                    + maxJsonBytes + " (see --max-json-bytes); not read").atPath(name));
            return Optional.empty();
        }
        Optional<byte[]> bytes = readBounded(name, d.size());
        if (bytes.isEmpty()) {
            findings.add(Finding.error(FindingCode.MISSING_BLOB, where + " names " + d.digest()
                    + (d.mediaType().isEmpty() ? "" : " (" + d.mediaType() + ")") + ", which is not in the archive")
                    .atPath(name));
            return Optional.empty();
        }
        if (!verifiedJson.add(d.digest())) return bytes;
        byte[] b = bytes.get();
        if (b.length != d.size()) {
            findings.add(Finding.error(FindingCode.BLOB_SIZE_MISMATCH, where + ": descriptor says " + d.size()
                    + " bytes, the blob has " + (b.length > d.size() ? "more" : String.valueOf(b.length)))
                    .atPath(name));
        }
        Digest actual = ContentDigester.digest(d.digest().algorithm(), b);
        if (!actual.equals(d.digest())) {
            findings.add(Finding.error(FindingCode.BLOB_DIGEST_MISMATCH, where + ": descriptor says " + d.digest()
                    + " but the content has " + actual).atPath(name));
        }
        return bytes;
    }

    private Optional<byte[]> readBounded(String name, long limit) {
        try {
            return files.read(name, limit);
        } catch (IOException e) {
            findings.add(Finding.error(FindingCode.UNREADABLE_FILE, name + ": " + e.getMessage()).atPath(name));
            return Optional.empty();
        }
    }
}
