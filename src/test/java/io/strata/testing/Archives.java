package io.strata.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.verify.ContentDigester;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Builds small image archives part by part for the verify, extract and hostile-input tests: a docker-archive
 * (manifest.json, a config, one file per layer) or an OCI layout tar (index.json, blobs), where any part can be
 * replaced by whatever the test wants to throw at the reader.
 */
public final class Archives {
    public static final ObjectMapper JSON = new ObjectMapper();

    private Archives() {
    }

    public static String sha256(byte[] bytes) {
        return ContentDigester.digest("sha256", bytes).toString();
    }

    public static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] json(Object node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An outer tar of the given files, in order. */
    public static void writeTar(Map<String, byte[]> files, OutputStream out) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            TarArchiveEntry e = new TarArchiveEntry(f.getKey());
            e.setSize(f.getValue().length);
            e.setModTime(0);
            tar.putArchiveEntry(e);
            tar.write(f.getValue());
            tar.closeArchiveEntry();
        }
        tar.finish();
        tar.flush();
    }

    public static Path writeTar(Map<String, byte[]> files, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            writeTar(files, out);
        }
        return file;
    }

    /** A config with the given diff_ids and one history step per layer. */
    public static ObjectNode config(List<String> diffIds) {
        ObjectNode c = JSON.createObjectNode();
        c.put("architecture", "amd64");
        c.put("os", "linux");
        c.putObject("config").putArray("Cmd").add("/bin/sh");
        ObjectNode rootfs = c.putObject("rootfs");
        rootfs.put("type", "layers");
        ArrayNode ids = rootfs.putArray("diff_ids");
        diffIds.forEach(ids::add);
        ArrayNode history = c.putArray("history");
        for (int i = 0; i < diffIds.size(); i++) history.addObject().put("created_by", "step " + i);
        return c;
    }

    /** A docker-archive: layers as {@code layerN.tar} (or {@code .tar.gz}), config {@code <sha>.json}. */
    public static final class Docker {
        private final List<String> diffIds = new ArrayList<>();
        private final List<byte[]> stored = new ArrayList<>();
        private final List<String> names = new ArrayList<>();
        private final Map<String, byte[]> extra = new LinkedHashMap<>();
        private byte[] manifest;
        private byte[] config;

        public Docker layer(byte[] tar) {
            return storedLayer(tar, sha256(tar), ".tar");
        }

        public Docker gzipLayer(byte[] tar) {
            return storedLayer(gzip(tar), sha256(tar), ".tar.gz");
        }

        /** A layer stored as given, with the diff_id the config should claim for it. */
        public Docker storedLayer(byte[] blob, String diffId, String suffix) {
            names.add("layer" + names.size() + suffix);
            stored.add(blob);
            diffIds.add(diffId);
            return this;
        }

        /** Replaces the config JSON (its file is still named by its sha256). */
        public Docker config(byte[] raw) {
            this.config = raw;
            return this;
        }

        /** Replaces manifest.json. */
        public Docker manifest(String raw) {
            this.manifest = raw.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        public Docker file(String name, byte[] content) {
            extra.put(name, content);
            return this;
        }

        public String layerName(int i) {
            return names.get(i);
        }

        public byte[] configBytes() {
            return config != null ? config : json(Archives.config(diffIds));
        }

        public String configName() {
            return sha256(configBytes()).substring("sha256:".length()) + ".json";
        }

        public Map<String, byte[]> files() {
            Map<String, byte[]> files = new LinkedHashMap<>();
            for (int i = 0; i < stored.size(); i++) files.put(layerName(i), stored.get(i));
            files.put(configName(), configBytes());
            files.putAll(extra);
            if (manifest == null) {
                ArrayNode m = JSON.createArrayNode();
                ObjectNode e = m.addObject();
                e.put("Config", configName());
                e.putArray("RepoTags").add("test/hostile:1.0");
                ArrayNode layers = e.putArray("Layers");
                for (int i = 0; i < stored.size(); i++) layers.add(layerName(i));
                files.put("manifest.json", json(m));
            } else {
                files.put("manifest.json", manifest);
            }
            return files;
        }

        public Path write(Path file) throws IOException {
            return writeTar(files(), file);
        }
    }

    /** An OCI layout tar: oci-layout, index.json and blobs/ALG/HEX, with descriptors as the test writes them. */
    public static final class Oci {
        private final Map<String, byte[]> blobs = new LinkedHashMap<>();
        private byte[] index;

        /** Stores a blob under its digest in {@code algorithm}; returns a descriptor for it. */
        public ObjectNode blob(String mediaType, byte[] content, String algorithm) {
            String digest = ContentDigester.digest(algorithm, content).toString();
            blobs.put("blobs/" + digest.replace(':', '/'), content);
            return descriptor(mediaType, digest, content.length);
        }

        public ObjectNode blob(String mediaType, byte[] content) {
            return blob(mediaType, content, "sha256");
        }

        /** Stores raw bytes under a name of the test's choosing (to lie about a digest). */
        public Oci raw(String name, byte[] content) {
            blobs.put(name, content);
            return this;
        }

        public static ObjectNode descriptor(String mediaType, String digest, long size) {
            ObjectNode d = JSON.createObjectNode();
            d.put("mediaType", mediaType);
            d.put("digest", digest);
            d.put("size", size);
            return d;
        }

        /** An image manifest over uncompressed layer tars; blobs and config use {@code algorithm}. */
        public ObjectNode image(String algorithm, byte[]... layerTars) {
            List<String> diffIds = new ArrayList<>();
            for (byte[] t : layerTars) diffIds.add(sha256(t));
            ObjectNode manifest = JSON.createObjectNode();
            manifest.put("schemaVersion", 2);
            manifest.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
            manifest.set("config", blob("application/vnd.oci.image.config.v1+json", json(config(diffIds)), algorithm));
            ArrayNode layers = manifest.putArray("layers");
            for (byte[] t : layerTars) layers.add(blob("application/vnd.oci.image.layer.v1.tar", t, algorithm));
            return blob("application/vnd.oci.image.manifest.v1+json", json(manifest), algorithm);
        }

        public Oci index(ObjectNode... manifests) {
            ObjectNode idx = JSON.createObjectNode();
            idx.put("schemaVersion", 2);
            idx.put("mediaType", "application/vnd.oci.image.index.v1+json");
            ArrayNode list = idx.putArray("manifests");
            for (ObjectNode m : manifests) list.add(m);
            this.index = json(idx);
            return this;
        }

        public Oci indexJson(String raw) {
            this.index = raw.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        public Path write(Path file) throws IOException {
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
            files.put("index.json", index);
            files.putAll(blobs);
            return writeTar(files, file);
        }
    }
}
