package io.strata.archive;

import io.strata.model.FindingCode;
import io.strata.model.Descriptor;
import io.strata.model.Digest;
import io.strata.model.Finding;
import io.strata.model.ImageConfig;
import io.strata.model.MediaType;
import io.strata.spec.DescriptorJson;
import io.strata.spec.DockerManifestEntryJson;
import io.strata.spec.SpecException;
import io.strata.spec.SpecTranslator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The images of a docker-archive: legacy `docker save`, podman's and skopeo's flat {@code <diffid>.tar} layers,
 * and Docker 25+, whose OCI view beside manifest.json gives the real manifest digests and layer media types.
 */
final class DockerArchiveResolver implements ImageResolver {
    private final LayoutReader in;
    private final Optional<String> ociPrefix;

    DockerArchiveResolver(LayoutReader in, Optional<String> ociPrefix) {
        this.in = in;
        this.ociPrefix = ociPrefix;
    }

    @Override
    public ArchiveFormat format() {
        return ociPrefix.isPresent() ? ArchiveFormat.DOCKER_ARCHIVE_OCI : ArchiveFormat.DOCKER_ARCHIVE;
    }

    @Override
    public List<ImageEntry> images() throws ArchiveException {
        Map<Digest, OciLayoutResolver.OciImage> ociByConfig = ociPrefix.isPresent()
                ? new OciLayoutResolver(in, ociPrefix.get(), ArchiveFormat.OCI_ARCHIVE).imagesByConfig() : Map.of();
        byte[] raw = in.readJson("manifest.json");
        List<DockerManifestEntryJson> entries;
        try {
            entries = SpecTranslator.dockerManifest(raw);
        } catch (SpecException e) {
            throw new ArchiveException(in.label + ": manifest.json: " + e.getMessage());
        }
        List<ImageEntry> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            DockerManifestEntryJson e = entries.get(i);
            if (e == null || e.config() == null) {
                throw new ArchiveException(in.label + ": manifest.json entry " + i + " has no Config");
            }
            List<Finding> imageFindings = new ArrayList<>();
            String configName = in.safeName(e.config(), "manifest.json entry " + i + " Config");
            byte[] configBytes = in.readJson(configName);
            Digest configDigest = Digest.sha256Of(configBytes);
            LayoutReader.nameDigest(configName).filter(d -> !d.equals(configDigest)).ifPresent(d -> imageFindings.add(
                    Finding.error(FindingCode.CONFIG_NAME_MISMATCH, "config file " + configName + " is named " + d.shortHex()
                            + " but its content has digest " + configDigest).atPath(configName)));
            ImageConfig config = in.parseConfig(configBytes, configName);
            List<String> layerNames = e.layers() == null ? List.of() : e.layers();
            in.checkLayerCount(config, layerNames.size(), configName);
            OciLayoutResolver.OciImage oci = ociByConfig.get(configDigest);
            List<LayerRef> layers = new ArrayList<>();
            for (int l = 0; l < layerNames.size(); l++) {
                String name = in.safeName(layerNames.get(l), "manifest.json entry " + i + " layer " + l);
                Optional<StoredFile> stored = in.store.find(name);
                Optional<Digest> diffId = l < config.diffIds().size() ? Optional.of(config.diffIds().get(l)) : Optional.empty();
                String mediaType = MediaType.DOCKER_LAYER;
                Optional<Digest> declared = LayoutReader.nameDigest(name);
                Optional<Long> declaredSize = Optional.empty();
                Optional<Descriptor> source = Optional.empty();
                if (oci != null && l < oci.manifest().layers().size()) source = Optional.of(oci.manifest().layers().get(l));
                else if (e.layerSources() != null && diffId.isPresent()) {
                    source = layerSource(e.layerSources().get(diffId.get().toString()));
                }
                if (source.isPresent()) {
                    mediaType = source.get().mediaType();
                    declared = Optional.of(source.get().digest());
                    declaredSize = Optional.of(source.get().size());
                }
                if (stored.isEmpty()) {
                    imageFindings.add(Finding.error(FindingCode.MISSING_BLOB, "manifest.json names layer file " + name
                            + " which is not in the archive").atLayer(l).atPath(name));
                }
                layers.add(new LayerRef(l, mediaType, declared, declaredSize, stored, diffId));
            }
            List<String> refs = e.repoTags() == null ? List.of() : e.repoTags().stream().filter(t -> t != null).toList();
            out.add(new ImageEntry(i, ImageEntry.Kind.IMAGE, refs,
                    oci == null ? Optional.empty() : Optional.of(oci.manifestDigest()),
                    oci == null ? Optional.empty() : Optional.of(oci.manifest().mediaType()),
                    configDigest, oci == null ? MediaType.DOCKER_CONFIG : oci.manifest().config().mediaType(),
                    configBytes.length, config, config.platform(), layers, imageFindings));
        }
        return out;
    }

    private Optional<Descriptor> layerSource(DescriptorJson json) {
        if (json == null) return Optional.empty();
        try {
            return Optional.of(SpecTranslator.descriptor(json));
        } catch (SpecException ex) {
            in.findings.add(Finding.warning(FindingCode.BAD_LAYER_SOURCE, "manifest.json LayerSources entry: " + ex.getMessage()));
            return Optional.empty();
        }
    }

}
