package io.strata.archive;

import io.strata.model.Digest;
import io.strata.model.Finding;
import io.strata.model.ImageConfig;
import io.strata.spec.SpecException;
import io.strata.spec.SpecTranslator;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What both resolvers read an archive's layout with: its files by name (small JSON documents whole, under the
 * limit), configs, names checked to stay inside the archive, and the archive-level findings met on the way.
 */
final class LayoutReader {
    private static final Pattern HEX_NAME = Pattern.compile("(?:^|/)(?:sha256:)?([0-9a-f]{64})(?:\\.json|\\.tar|\\.tar\\.gz)?$");

    final BlobStore store;
    final String label;
    final Limits limits;
    final List<Finding> findings = new ArrayList<>();

    LayoutReader(BlobStore store, String label, Limits limits) {
        this.store = store;
        this.label = label;
        this.limits = limits;
    }

    boolean has(String name) throws ArchiveException {
        return store.find(name).isPresent();
    }

    void checkLayerCount(ImageConfig config, int layers, String what) throws ArchiveException {
        if (config.diffIds().size() != layers) {
            throw new ArchiveException(label + ": " + what + " lists " + config.diffIds().size()
                    + " diff_ids but the manifest has " + layers + " layers");
        }
    }

    ImageConfig parseConfig(byte[] bytes, String what) throws ArchiveException {
        try {
            return SpecTranslator.config(bytes);
        } catch (SpecException e) {
            throw new ArchiveException(label + ": " + what + ": " + e.getMessage());
        }
    }

    String safeName(String raw, String what) throws ArchiveException {
        if (raw == null) throw new ArchiveException(label + ": " + what + " is missing");
        return TarBlobStore.normaliseName(raw).orElseThrow(() -> new ArchiveException(
                label + ": " + what + " '" + raw + "' points outside the archive"));
    }

    /** The sha256 a docker-archive file name carries ({@code HEX.json}, {@code HEX/layer.tar}, ...). */
    static Optional<Digest> nameDigest(String name) {
        Matcher m = HEX_NAME.matcher(name);
        if (!m.find()) return Optional.empty();
        return Optional.of(new Digest("sha256", m.group(1)));
    }

    Optional<byte[]> readBlob(String prefix, Digest d) throws ArchiveException {
        String name = OciLayout.blobName(prefix, d);
        if (store.find(name).isEmpty()) return Optional.empty();
        return Optional.of(readJson(name));
    }

    /** Reads a small JSON file whole, refusing sizes over the limit before reading a byte. */
    byte[] readJson(String name) throws ArchiveException {
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
}
