package io.strata.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.model.Descriptor;
import io.strata.model.Digest;
import io.strata.model.Healthcheck;
import io.strata.model.HistoryEntry;
import io.strata.model.ImageConfig;
import io.strata.model.ImageIndex;
import io.strata.model.Manifest;
import io.strata.model.MediaType;
import io.strata.model.Platform;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/** Translates tolerant wire DTOs into the immutable model; every wire quirk is handled here and only here. */
public final class SpecTranslator {

    private SpecTranslator() {
    }

    /** A manifest-like document: exactly one of manifest or index is present. */
    public record Document(Optional<Manifest> manifest, Optional<ImageIndex> index) {
    }

    public static Descriptor descriptor(DescriptorJson json) throws SpecException {
        if (json == null) throw new SpecException("descriptor is null");
        if (json.digest() == null) throw new SpecException("descriptor has no digest");
        Digest digest;
        try {
            digest = Digest.parse(json.digest());
        } catch (IllegalArgumentException e) {
            throw new SpecException("descriptor digest: " + e.getMessage());
        }
        if (json.size() == null || json.size() < 0) {
            throw new SpecException("descriptor " + digest + " has no valid size");
        }
        Optional<Platform> platform = Optional.ofNullable(json.platform())
                .map(p -> Platform.of(p.os(), p.architecture(), p.variant()));
        return new Descriptor(json.mediaType() == null ? "" : json.mediaType(), digest, json.size(), platform,
                json.annotations() == null ? Map.of() : withoutNullValues(json.annotations()),
                json.urls() == null ? List.of() : json.urls().stream().filter(u -> u != null).toList());
    }

    /**
     * Reads a manifest or an index. The document's own mediaType wins over the declared one; without either,
     * the shape decides (go-containerregistry's layouts have index blobs without a mediaType field).
     */
    public static Document document(byte[] bytes, String declaredMediaType) throws SpecException {
        JsonNode root = Json.tree(bytes);
        if (root.isNull()) throw new SpecException("document is the JSON literal null");
        ManifestJson json = ManifestJson.of(JsonFields.object(root, "the document"));
        String type = json.mediaType() != null ? json.mediaType() : declaredMediaType;
        boolean looksLikeIndex = json.manifests() != null && json.config() == null;
        boolean looksLikeManifest = json.config() != null;
        boolean isIndex = MediaType.isIndex(type) ? !looksLikeManifest : looksLikeIndex;
        if (isIndex) {
            List<Descriptor> manifests = new ArrayList<>();
            for (DescriptorJson d : json.manifests() == null ? List.<DescriptorJson>of() : json.manifests()) {
                manifests.add(descriptor(d));
            }
            return new Document(Optional.empty(), Optional.of(new ImageIndex(
                    type == null ? MediaType.OCI_INDEX : type, manifests, nullSafe(json.annotations()))));
        }
        if (!looksLikeManifest) {
            throw new SpecException("neither an image manifest nor an index (no config, no manifests)");
        }
        List<Descriptor> layers = new ArrayList<>();
        for (DescriptorJson d : json.layers() == null ? List.<DescriptorJson>of() : json.layers()) {
            layers.add(descriptor(d));
        }
        // a manifest's type is its own field, else the descriptor's when that names a manifest type
        String manifestType = json.mediaType() != null ? json.mediaType()
                : MediaType.isManifest(declaredMediaType) ? declaredMediaType : MediaType.OCI_MANIFEST;
        return new Document(Optional.of(new Manifest(manifestType,
                descriptor(json.config()), layers, nullSafe(json.annotations()))), Optional.empty());
    }

    public static List<DockerManifestEntryJson> dockerManifest(byte[] bytes) throws SpecException {
        JsonNode node = Json.tree(bytes);
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw new SpecException("the JSON literal null: it lists no images");
        }
        if (!node.isArray()) throw new SpecException("not a JSON array of images");
        if (node.isEmpty()) throw new SpecException("an empty list: it names no images");
        return JsonFields.elements(node, "manifest.json", DockerManifestEntryJson::of);
    }

    public static ImageConfig config(byte[] bytes) throws SpecException {
        JsonNode root = Json.tree(bytes);
        if (root.isNull()) throw new SpecException("config is the JSON literal null");
        ConfigJson json = ConfigJson.of(JsonFields.object(root, "the config"));
        ConfigJson.ContainerConfigJson c = json.config();
        List<Digest> diffIds = new ArrayList<>();
        if (json.rootfs() != null && json.rootfs().diffIds() != null) {
            for (String s : json.rootfs().diffIds()) {
                try {
                    diffIds.add(Digest.parse(s));
                } catch (IllegalArgumentException e) {
                    throw new SpecException("rootfs.diff_ids: " + e.getMessage());
                }
            }
        }
        List<HistoryEntry> history = new ArrayList<>();
        if (json.history() != null) {
            for (ConfigJson.HistoryJson h : json.history()) {
                if (h == null) continue;
                history.add(new HistoryEntry(Optional.ofNullable(h.created()), Optional.ofNullable(h.createdBy()),
                        Optional.ofNullable(h.author()), Optional.ofNullable(h.comment()),
                        Boolean.TRUE.equals(h.emptyLayer())));
            }
        }
        Map<String, String> extra = new HashMap<>();
        if (json.dockerVersion() != null) extra.put("dockerVersion", json.dockerVersion());
        return new ImageConfig(
                Platform.of(json.os(), json.architecture(), json.variant()),
                Optional.ofNullable(json.created()), Optional.ofNullable(json.author()),
                c == null || c.env() == null ? List.of() : c.env().stream().filter(e -> e != null).toList(),
                c == null ? List.of() : stringList(c.cmd()),
                c == null ? List.of() : stringList(c.entrypoint()),
                Optional.ofNullable(c == null ? null : c.user()).filter(s -> !s.isEmpty()),
                Optional.ofNullable(c == null ? null : c.workingDir()).filter(s -> !s.isEmpty()),
                c == null || c.exposedPorts() == null ? new TreeSet<>() : new TreeSet<>(c.exposedPorts().keySet()),
                c == null || c.volumes() == null ? new TreeSet<>() : new TreeSet<>(c.volumes().keySet()),
                c == null || c.labels() == null ? new TreeMap<>() : new TreeMap<>(withoutNullValues(c.labels())),
                Optional.ofNullable(c == null ? null : c.stopSignal()).filter(s -> !s.isEmpty()),
                Optional.ofNullable(c == null ? null : c.healthcheck()).map(SpecTranslator::healthcheck),
                diffIds, history, extra,
                c == null || c.onBuild() == null ? List.of() : c.onBuild().stream().filter(x -> x != null).toList(),
                c == null || c.shell() == null ? List.of() : c.shell().stream().filter(x -> x != null).toList());
    }

    private static Healthcheck healthcheck(ConfigJson.HealthcheckJson h) {
        return new Healthcheck(h.test() == null ? List.of() : h.test().stream().filter(s -> s != null).toList(),
                Optional.ofNullable(h.interval()), Optional.ofNullable(h.timeout()),
                Optional.ofNullable(h.startPeriod()), Optional.ofNullable(h.retries()));
    }

    /** Cmd and Entrypoint are arrays, but old configs sometimes hold a plain string. */
    private static List<String> stringList(JsonNode node) {
        if (node == null || node.isNull()) return List.of();
        if (node.isTextual()) return List.of(node.asText());
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Map<String, String> nullSafe(Map<String, String> m) {
        return m == null ? Map.of() : withoutNullValues(m);
    }

    private static Map<String, String> withoutNullValues(Map<String, String> m) {
        Map<String, String> out = new HashMap<>();
        m.forEach((k, v) -> {
            if (k != null && v != null) out.put(k, v);
        });
        return out;
    }
}
