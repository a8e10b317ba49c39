package io.strata.archive;

import io.strata.model.Descriptor;
import io.strata.model.Digest;
import io.strata.model.Finding;
import io.strata.model.ImageConfig;
import io.strata.model.ImageIndex;
import io.strata.model.Manifest;
import io.strata.model.MediaType;
import io.strata.model.Platform;
import io.strata.spec.DescriptorJson;
import io.strata.spec.DockerManifestEntryJson;
import io.strata.spec.SpecException;
import io.strata.spec.SpecTranslator;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the images of an archive: docker-archive (legacy, podman/skopeo flat, Docker 25+) or OCI layout. */
final class ImageResolver {
    private static final Pattern HEX_NAME = Pattern.compile("(?:^|/)(?:sha256:)?([0-9a-f]{64})(?:\\.json|\\.tar|\\.tar\\.gz)?$");
    static final String REF_NAME = "org.opencontainers.image.ref.name";
    static final String CONTAINERD_NAME = "io.containerd.image.name";

    private final BlobStore store;
    private final String label;
    private final Limits limits;
    private final List<Finding> findings = new ArrayList<>();

    private ImageResolver(BlobStore store, String label, Limits limits) {
        this.store = store;
        this.label = label;
        this.limits = limits;
    }

    static ImageArchive resolve(BlobStore store, String label, String container, Limits limits, Runnable cleanup,
                                long bytes) throws ArchiveException {
        try {
            return new ImageResolver(store, label, limits).run(container, cleanup, bytes);
        } catch (ArchiveException | RuntimeException e) {
            try {
                store.close();
            } catch (IOException ignored) {
                // already failing
            }
            throw e;
        }
    }

    private ImageArchive run(String container, Runnable cleanup, long bytes) throws ArchiveException {
        boolean hasDockerManifest = store.find("manifest.json").isPresent();
        String ociPrefix = findOciPrefix();
        List<ImageEntry> images;
        String format;
        if (hasDockerManifest) {
            Map<Digest, OciImage> ociByConfig = ociPrefix != null ? ociImagesByConfig(ociPrefix) : Map.of();
            images = dockerImages(ociByConfig);
            format = ociPrefix != null ? "docker-archive+oci" : "docker-archive";
        } else if (ociPrefix != null) {
            images = ociImages(ociPrefix);
            format = "directory".equals(container) ? "oci-layout" : ociPrefix.isEmpty() ? "oci-archive" : "oci-layout-tar";
        } else if (store.find("repositories").isPresent()) {
            throw new ArchiveException(label + ": a pre-1.10 docker save (repositories but no manifest.json) is not supported");
        } else {
            throw new ArchiveException(label + ": not an image archive: no manifest.json, index.json or oci-layout"
                    + ("directory".equals(container) ? " in the directory" : " (a plain file-system tar or a single layer?)"));
        }
        if (images.isEmpty()) {
            throw new ArchiveException(label + ": no readable image: "
                    + findings.stream().map(Finding::message).findFirst().orElse("the archive lists none"));
        }
        return new ImageArchive(label, format, bytes, images, findings, store, cleanup);
    }

    /** "" when the layout is at the top, "dir/" when packed under one folder, null when there is none. */
    private String findOciPrefix() throws ArchiveException {
        if (store.find("index.json").isPresent() || store.find("oci-layout").isPresent()) return "";
        Set<String> tops = new HashSet<>();
        for (String n : store.names()) {
            int slash = n.indexOf('/');
            if (slash > 0) tops.add(n.substring(0, slash));
        }
        for (String top : tops) {
            if (store.find(top + "/index.json").isPresent()) return top + "/";
        }
        return null;
    }

    // ---------------------------------------------------------------- docker-archive

    private List<ImageEntry> dockerImages(Map<Digest, OciImage> ociByConfig) throws ArchiveException {
        byte[] raw = readJson("manifest.json");
        List<DockerManifestEntryJson> entries;
        try {
            entries = SpecTranslator.dockerManifest(raw);
        } catch (SpecException e) {
            throw new ArchiveException(label + ": manifest.json: " + e.getMessage());
        }
        List<ImageEntry> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            DockerManifestEntryJson e = entries.get(i);
            if (e == null || e.config() == null) {
                throw new ArchiveException(label + ": manifest.json entry " + i + " has no Config");
            }
            List<Finding> imageFindings = new ArrayList<>();
            String configName = safeName(e.config(), "manifest.json entry " + i + " Config");
            byte[] configBytes = readJson(configName);
            Digest configDigest = sha256(configBytes);
            nameDigest(configName).filter(d -> !d.equals(configDigest)).ifPresent(d -> imageFindings.add(
                    Finding.error("config-name-mismatch", "config file " + configName + " is named " + d.shortHex()
                            + " but its content has digest " + configDigest).atPath(configName)));
            ImageConfig config = parseConfig(configBytes, configName);
            List<String> layerNames = e.layers() == null ? List.of() : e.layers();
            checkLayerCount(config, layerNames.size(), configName);
            OciImage oci = ociByConfig.get(configDigest);
            List<LayerRef> layers = new ArrayList<>();
            for (int l = 0; l < layerNames.size(); l++) {
                String name = safeName(layerNames.get(l), "manifest.json entry " + i + " layer " + l);
                Optional<StoredFile> stored = store.find(name);
                Optional<Digest> diffId = l < config.diffIds().size() ? Optional.of(config.diffIds().get(l)) : Optional.empty();
                String mediaType = MediaType.DOCKER_LAYER;
                Optional<Digest> declared = nameDigest(name);
                Optional<Long> declaredSize = Optional.empty();
                Optional<Descriptor> source = Optional.empty();
                if (oci != null && l < oci.manifest.layers().size()) source = Optional.of(oci.manifest.layers().get(l));
                else if (e.layerSources() != null && diffId.isPresent()) {
                    source = layerSource(e.layerSources().get(diffId.get().toString()));
                }
                if (source.isPresent()) {
                    mediaType = source.get().mediaType();
                    declared = Optional.of(source.get().digest());
                    declaredSize = Optional.of(source.get().size());
                }
                if (stored.isEmpty()) {
                    imageFindings.add(Finding.error("missing-blob", "manifest.json names layer file " + name
                            + " which is not in the archive").atLayer(l).atPath(name));
                }
                layers.add(new LayerRef(l, mediaType, declared, declaredSize, stored, diffId));
            }
            List<String> refs = e.repoTags() == null ? List.of() : e.repoTags().stream().filter(t -> t != null).toList();
            out.add(new ImageEntry(i, ImageEntry.Kind.IMAGE, refs,
                    oci == null ? Optional.empty() : Optional.of(oci.manifestDigest),
                    oci == null ? Optional.empty() : Optional.of(oci.manifest.mediaType()),
                    configDigest, oci == null ? MediaType.DOCKER_CONFIG : oci.manifest.config().mediaType(),
                    configBytes.length, config, config.platform(), layers, imageFindings));
        }
        return out;
    }

    private Optional<Descriptor> layerSource(DescriptorJson json) {
        if (json == null) return Optional.empty();
        try {
            return Optional.of(SpecTranslator.descriptor(json));
        } catch (SpecException ex) {
            findings.add(Finding.warning("bad-layer-source", "manifest.json LayerSources entry: " + ex.getMessage()));
            return Optional.empty();
        }
    }

    private record OciImage(Digest manifestDigest, Manifest manifest) {
    }

    /** Docker 25+ saves also hold an OCI index; its manifests give the real manifest digests and layer types. */
    private Map<Digest, OciImage> ociImagesByConfig(String prefix) {
        Map<Digest, OciImage> out = new HashMap<>();
        try {
            Optional<StoredFile> idx = store.find(prefix + "index.json");
            if (idx.isEmpty()) return out;
            SpecTranslator.Document doc = SpecTranslator.document(readJson(prefix + "index.json"), MediaType.OCI_INDEX);
            for (Descriptor d : doc.index().map(ImageIndex::manifests).orElse(List.of())) {
                Optional<byte[]> bytes = readBlob(prefix, d.digest());
                if (bytes.isEmpty()) continue;
                SpecTranslator.Document m = SpecTranslator.document(bytes.get(), d.mediaType());
                m.manifest().ifPresent(man -> out.putIfAbsent(man.config().digest(), new OciImage(d.digest(), man)));
            }
        } catch (SpecException | ArchiveException e) {
            findings.add(Finding.warning("oci-view-unreadable", "the OCI view (index.json) of this docker save is unreadable: "
                    + e.getMessage()));
        }
        return out;
    }

    // ---------------------------------------------------------------- OCI layout

    private List<ImageEntry> ociImages(String prefix) throws ArchiveException {
        if (store.find(prefix + "index.json").isEmpty()) {
            throw new ArchiveException(label + ": OCI layout without index.json");
        }
        byte[] raw = readJson(prefix + "index.json");
        SpecTranslator.Document doc;
        try {
            doc = SpecTranslator.document(raw, MediaType.OCI_INDEX);
        } catch (SpecException e) {
            throw new ArchiveException(label + ": " + prefix + "index.json: " + e.getMessage());
        }
        Map<String, ImageEntry> byKey = new LinkedHashMap<>();
        List<Descriptor> top = doc.index().map(ImageIndex::manifests).orElse(List.of());
        if (top.isEmpty()) throw new ArchiveException(label + ": " + prefix + "index.json lists no manifests");
        for (Descriptor d : top) {
            walk(prefix, d, refsOf(d), Optional.empty(), 0, new HashSet<>(), byKey);
        }
        List<ImageEntry> out = new ArrayList<>();
        for (ImageEntry e : byKey.values()) {
            out.add(new ImageEntry(out.size(), e.kind(), e.refs(), e.manifestDigest(), e.manifestMediaType(),
                    e.configDigest(), e.configMediaType(), e.configBytes(), e.config(), e.platform(), e.layers(),
                    e.findings()));
        }
        return out;
    }

    private static List<String> refsOf(Descriptor d) {
        List<String> refs = new ArrayList<>();
        d.annotation(CONTAINERD_NAME).ifPresent(refs::add);
        d.annotation(REF_NAME).filter(r -> !refs.contains(r)).ifPresent(refs::add);
        return refs;
    }

    private void walk(String prefix, Descriptor d, List<String> refs, Optional<Platform> platform, int depth,
                      Set<Digest> path, Map<String, ImageEntry> out) throws ArchiveException {
        if (depth > limits.maxIndexDepth()) {
            findings.add(Finding.error("index-too-deep", "indexes nested deeper than " + limits.maxIndexDepth()
                    + " levels at " + d.digest()));
            return;
        }
        if (!path.add(d.digest())) {
            findings.add(Finding.error("index-cycle", "index " + d.digest() + " refers to itself"));
            return;
        }
        try {
            Optional<byte[]> bytes = readBlob(prefix, d.digest());
            if (bytes.isEmpty()) {
                findings.add(Finding.error("missing-blob", "index refers to " + d.digest()
                        + " (" + (d.mediaType().isEmpty() ? "no media type" : d.mediaType()) + ") which is not in the archive"));
                return;
            }
            SpecTranslator.Document doc;
            try {
                doc = SpecTranslator.document(bytes.get(), d.mediaType());
            } catch (SpecException e) {
                throw new ArchiveException(label + ": blob " + d.digest() + ": " + e.getMessage());
            }
            Optional<Platform> here = d.platform().isPresent() ? d.platform() : platform;
            if (doc.index().isPresent()) {
                for (Descriptor child : doc.index().get().manifests()) {
                    // the name in the top index is what users type; a nested index's own names come after it
                    List<String> childRefs = new ArrayList<>(refs);
                    refsOf(child).stream().filter(r -> !childRefs.contains(r)).forEach(childRefs::add);
                    walk(prefix, child, childRefs, child.platform(), depth + 1, path, out);
                }
                return;
            }
            Manifest m = doc.manifest().orElseThrow();
            ImageEntry entry = ociImage(prefix, d, m, refs, here);
            String key = d.digest() + "|" + entry.platform();
            ImageEntry prev = out.get(key);
            if (prev == null) {
                out.put(key, entry);
            } else {
                List<String> merged = new ArrayList<>(prev.refs());
                entry.refs().stream().filter(r -> !merged.contains(r)).forEach(merged::add);
                out.put(key, new ImageEntry(prev.position(), prev.kind(), merged, prev.manifestDigest(),
                        prev.manifestMediaType(), prev.configDigest(), prev.configMediaType(), prev.configBytes(),
                        prev.config(), prev.platform(), prev.layers(), prev.findings()));
            }
        } finally {
            path.remove(d.digest());
        }
    }

    private ImageEntry ociImage(String prefix, Descriptor d, Manifest m, List<String> refs,
                                Optional<Platform> platform) throws ArchiveException {
        List<Finding> imageFindings = new ArrayList<>();
        String configType = m.config().mediaType();
        boolean containerImage = configType.equals(MediaType.OCI_CONFIG) || configType.equals(MediaType.DOCKER_CONFIG)
                || configType.isEmpty();
        boolean attestation = "attestation-manifest".equals(d.annotations().get("vnd.docker.reference.type"));
        ImageEntry.Kind kind = attestation ? ImageEntry.Kind.ATTESTATION
                : containerImage ? ImageEntry.Kind.IMAGE : ImageEntry.Kind.ARTIFACT;
        Optional<byte[]> configBytes = readBlob(prefix, m.config().digest());
        if (configBytes.isEmpty()) {
            throw new ArchiveException(label + ": config blob " + m.config().digest() + " of manifest "
                    + d.digest().shortHex() + " is not in the archive");
        }
        Digest actual = sha256(configBytes.get());
        if (m.config().digest().algorithm().equals("sha256") && !actual.equals(m.config().digest())) {
            imageFindings.add(Finding.error("digest-mismatch", "config blob " + m.config().digest()
                    + " has content digest " + actual));
        }
        ImageConfig config;
        if (kind == ImageEntry.Kind.IMAGE) {
            config = parseConfig(configBytes.get(), "config " + m.config().digest().shortHex());
            checkLayerCount(config, m.layers().size(), "config " + m.config().digest().shortHex());
        } else {
            config = emptyConfig(configBytes.get());
        }
        List<LayerRef> layers = new ArrayList<>();
        for (int l = 0; l < m.layers().size(); l++) {
            Descriptor ld = m.layers().get(l);
            if (kind == ImageEntry.Kind.IMAGE && !MediaType.isLayer(ld.mediaType())) {
                throw new ArchiveException(label + ": image " + d.digest().shortHex() + " layer " + l
                        + " has unknown media type '" + ld.mediaType() + "'");
            }
            Optional<StoredFile> stored = store.find(blobName(prefix, ld.digest()));
            if (stored.isEmpty()) {
                boolean foreign = MediaType.isNonDistributable(ld.mediaType()) || !ld.urls().isEmpty();
                imageFindings.add(new Finding(foreign ? Finding.Severity.WARNING : Finding.Severity.ERROR,
                        foreign ? "non-distributable-blob" : "missing-blob",
                        Optional.of(l), Optional.empty(), (foreign ? "non-distributable layer " : "layer ")
                        + ld.digest() + " is not in the archive"));
            }
            Optional<Digest> diffId = l < config.diffIds().size() ? Optional.of(config.diffIds().get(l)) : Optional.empty();
            layers.add(new LayerRef(l, ld.mediaType(), Optional.of(ld.digest()), Optional.of(ld.size()), stored, diffId));
        }
        Platform p = platform.filter(x -> !x.isUnknown()).orElse(config.platform());
        if (platform.isPresent() && platform.get().isUnknown()) kind = kind == ImageEntry.Kind.IMAGE
                && !config.platform().isUnknown() ? kind : ImageEntry.Kind.ATTESTATION;
        return new ImageEntry(0, kind, refs, Optional.of(d.digest()), Optional.of(m.mediaType()), m.config().digest(),
                configType, configBytes.get().length, config, p, layers, imageFindings);
    }

    private static ImageConfig emptyConfig(byte[] bytes) {
        try {
            return SpecTranslator.config(bytes);
        } catch (SpecException e) {
            return new ImageConfig(Platform.of(null, null, null), Optional.empty(), Optional.empty(), List.of(),
                    List.of(), List.of(), Optional.empty(), Optional.empty(), new java.util.TreeSet<>(),
                    new java.util.TreeSet<>(), new java.util.TreeMap<>(), Optional.empty(), Optional.empty(),
                    List.of(), List.of(), Map.of());
        }
    }

    // ---------------------------------------------------------------- helpers

    private void checkLayerCount(ImageConfig config, int layers, String what) throws ArchiveException {
        if (config.diffIds().size() != layers) {
            throw new ArchiveException(label + ": " + what + " lists " + config.diffIds().size()
                    + " diff_ids but the manifest has " + layers + " layers");
        }
    }

    private ImageConfig parseConfig(byte[] bytes, String what) throws ArchiveException {
        try {
            return SpecTranslator.config(bytes);
        } catch (SpecException e) {
            throw new ArchiveException(label + ": " + what + ": " + e.getMessage());
        }
    }

    private String safeName(String raw, String what) throws ArchiveException {
        if (raw == null) throw new ArchiveException(label + ": " + what + " is missing");
        return TarBlobStore.normaliseName(raw).orElseThrow(() -> new ArchiveException(
                label + ": " + what + " '" + raw + "' points outside the archive"));
    }

    private static Optional<Digest> nameDigest(String name) {
        Matcher m = HEX_NAME.matcher(name);
        if (!m.find()) return Optional.empty();
        return Optional.of(new Digest("sha256", m.group(1)));
    }

    static String blobName(String prefix, Digest d) {
        return prefix + "blobs/" + d.algorithm() + "/" + d.hex();
    }

    private Optional<byte[]> readBlob(String prefix, Digest d) throws ArchiveException {
        String name = blobName(prefix, d);
        if (store.find(name).isEmpty()) return Optional.empty();
        return Optional.of(readJson(name));
    }

    /** Reads a small JSON file whole, refusing sizes over the limit before reading a byte. */
    private byte[] readJson(String name) throws ArchiveException {
        StoredFile f = store.find(name).orElseThrow(() -> new ArchiveException(
                label + ": " + name + " is not in the archive"));
        if (f.size() > limits.maxJsonBytes()) {
            throw new ArchiveException(label + ": " + name + " is " + f.size() + " bytes, over the limit of "
                    + limits.maxJsonBytes() + " for a JSON document (raise --max-json-bytes)");
        }
        try (InputStream in = store.open(f)) {
            return in.readNBytes((int) f.size());
        } catch (IOException e) {
            throw new ArchiveException(label + ": cannot read " + name + ": " + e.getMessage());
        }
    }

    static Digest sha256(byte[] bytes) {
        return Digest.sha256Of(bytes);
    }
}
