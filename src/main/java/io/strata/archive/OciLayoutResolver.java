package io.strata.archive;

import io.strata.model.FindingCode;
import io.strata.model.Descriptor;
import io.strata.model.Digest;
import io.strata.model.Finding;
import io.strata.model.ImageConfig;
import io.strata.model.ImageIndex;
import io.strata.model.Manifest;
import io.strata.model.MediaType;
import io.strata.model.Platform;
import io.strata.spec.SpecException;
import io.strata.spec.SpecTranslator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The images of an OCI image layout (an oci-archive, a layout packed under one folder, a layout directory): every
 * manifest index.json reaches, nested indexes followed to a bounded depth, each image once per platform.
 */
final class OciLayoutResolver implements ImageResolver {
    private final LayoutReader in;
    private final String prefix;
    private final ArchiveFormat format;

    OciLayoutResolver(LayoutReader in, String prefix, ArchiveFormat format) {
        this.in = in;
        this.prefix = prefix;
        this.format = format;
    }

    @Override
    public ArchiveFormat format() {
        return format;
    }

    /** An image of the layout as its manifest declares it (what a docker-archive's own JSON does not say). */
    record OciImage(Digest manifestDigest, Manifest manifest) {
    }

    /** Docker 25+ saves also hold an OCI index; its manifests give the real manifest digests and layer types. */
    Map<Digest, OciImage> imagesByConfig() {
        Map<Digest, OciImage> out = new HashMap<>();
        try {
            Optional<StoredFile> idx = in.store.find(prefix + "index.json");
            if (idx.isEmpty()) return out;
            SpecTranslator.Document doc = SpecTranslator.document(in.readJson(prefix + "index.json"), MediaType.OCI_INDEX);
            for (Descriptor d : doc.index().map(ImageIndex::manifests).orElse(List.of())) {
                Optional<byte[]> bytes = in.readBlob(prefix, d.digest());
                if (bytes.isEmpty()) continue;
                SpecTranslator.Document m = SpecTranslator.document(bytes.get(), d.mediaType());
                m.manifest().ifPresent(man -> out.putIfAbsent(man.config().digest(), new OciImage(d.digest(), man)));
            }
        } catch (SpecException | ArchiveException e) {
            in.findings.add(Finding.warning(FindingCode.OCI_VIEW_UNREADABLE, "the OCI view (index.json) of this docker save is unreadable: "
                    + e.getMessage()));
        }
        return out;
    }

    @Override
    public List<ImageEntry> images() throws ArchiveException {
        if (in.store.find(prefix + "index.json").isEmpty()) {
            throw new ArchiveException(in.label + ": OCI layout without index.json");
        }
        byte[] raw = in.readJson(prefix + "index.json");
        SpecTranslator.Document doc;
        try {
            doc = SpecTranslator.document(raw, MediaType.OCI_INDEX);
        } catch (SpecException e) {
            throw new ArchiveException(in.label + ": " + prefix + "index.json: " + e.getMessage());
        }
        Map<String, ImageEntry> byKey = new LinkedHashMap<>();
        List<Descriptor> top = doc.index().map(ImageIndex::manifests).orElse(List.of());
        if (top.isEmpty()) throw new ArchiveException(in.label + ": " + prefix + "index.json lists no manifests");
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
        d.annotation(OciLayout.CONTAINERD_NAME).ifPresent(refs::add);
        d.annotation(OciLayout.REF_NAME).filter(r -> !refs.contains(r)).ifPresent(refs::add);
        return refs;
    }

    private void walk(String prefix, Descriptor d, List<String> refs, Optional<Platform> platform, int depth,
                      Set<Digest> path, Map<String, ImageEntry> out) throws ArchiveException {
        if (depth > in.limits.maxIndexDepth()) {
            in.findings.add(Finding.error(FindingCode.INDEX_TOO_DEEP, "indexes nested deeper than " + in.limits.maxIndexDepth()
                    + " levels at " + d.digest()));
            return;
        }
        if (!path.add(d.digest())) {
            in.findings.add(Finding.error(FindingCode.INDEX_CYCLE, "index " + d.digest() + " refers to itself"));
            return;
        }
        try {
            Optional<byte[]> bytes = in.readBlob(prefix, d.digest());
            if (bytes.isEmpty()) {
                in.findings.add(Finding.error(FindingCode.MISSING_BLOB, "index refers to " + d.digest()
                        + " (" + (d.mediaType().isEmpty() ? "no media type" : d.mediaType()) + ") which is not in the archive"));
                return;
            }
            SpecTranslator.Document doc;
            try {
                doc = SpecTranslator.document(bytes.get(), d.mediaType());
            } catch (SpecException e) {
                throw new ArchiveException(in.label + ": blob " + d.digest() + ": " + e.getMessage());
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
        Optional<byte[]> configBytes = in.readBlob(prefix, m.config().digest());
        if (configBytes.isEmpty()) {
            throw new ArchiveException(in.label + ": config blob " + m.config().digest() + " of manifest "
                    + d.digest().shortHex() + " is not in the archive");
        }
        Digest actual = Digest.sha256Of(configBytes.get());
        if (m.config().digest().algorithm().equals("sha256") && !actual.equals(m.config().digest())) {
            imageFindings.add(Finding.error(FindingCode.DIGEST_MISMATCH, "config blob " + m.config().digest()
                    + " has content digest " + actual));
        }
        ImageConfig config;
        if (kind == ImageEntry.Kind.IMAGE) {
            config = in.parseConfig(configBytes.get(), "config " + m.config().digest().shortHex());
            in.checkLayerCount(config, m.layers().size(), "config " + m.config().digest().shortHex());
        } else {
            config = emptyConfig(configBytes.get());
        }
        List<LayerRef> layers = new ArrayList<>();
        for (int l = 0; l < m.layers().size(); l++) {
            Descriptor ld = m.layers().get(l);
            if (kind == ImageEntry.Kind.IMAGE && !MediaType.isLayer(ld.mediaType())) {
                throw new ArchiveException(in.label + ": image " + d.digest().shortHex() + " layer " + l
                        + " has unknown media type '" + ld.mediaType() + "'");
            }
            Optional<StoredFile> stored = in.store.find(OciLayout.blobName(prefix, ld.digest()));
            if (stored.isEmpty()) {
                boolean foreign = MediaType.isNonDistributable(ld.mediaType()) || !ld.urls().isEmpty();
                imageFindings.add(new Finding(foreign ? Finding.Severity.WARNING : Finding.Severity.ERROR,
                        foreign ? FindingCode.NON_DISTRIBUTABLE_BLOB : FindingCode.MISSING_BLOB,
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
}
