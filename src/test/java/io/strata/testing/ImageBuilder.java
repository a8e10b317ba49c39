package io.strata.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Builds tiny docker-archive tars (legacy `docker save` layout: manifest.json, a config JSON, one
 * {@code N/layer.tar} per layer) for tests. Layers and history steps are added in build order:
 * <pre>
 *   Path tar = new ImageBuilder()
 *       .layer("/bin/sh -c dd if=/dev/urandom of=/big bs=1k count=64").file("big", 65536).done()
 *       .step("/bin/sh -c #(nop)  ENV A=b")                 // a history entry without a layer
 *       .layer("/bin/sh -c rm /big").whiteout("big").done()
 *       .write(tempDir, "img.tar");
 * </pre>
 * Entry names are written as given (no leading "./"); parents are not added implicitly, as real tools often
 * omit them too. File contents are deterministic: {@code file(path, size)} fills with bytes seeded by the path.
 */
public final class ImageBuilder {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<byte[]> layerTars = new ArrayList<>();
    private final List<String[]> history = new ArrayList<>(); // {createdBy, "1" when empty_layer}
    private final ObjectNode containerConfig = JSON.createObjectNode();
    private String tag = "test/image:1.0";
    private String architecture = "amd64";

    public ImageBuilder tag(String repoTag) {
        this.tag = repoTag;
        return this;
    }

    public ImageBuilder architecture(String arch) {
        this.architecture = arch;
        return this;
    }

    /** Sets a field of the config's "config" object (Env, User, Cmd, ...). */
    public ImageBuilder config(String key, Object value) {
        containerConfig.set(key, JSON.valueToTree(value));
        return this;
    }

    /** Starts a layer made by the history step {@code createdBy}; finish it with {@link Layer#done()}. */
    public Layer layer(String createdBy) {
        return new Layer(createdBy);
    }

    /** A history entry that made no layer (ENV, LABEL, CMD ...). */
    public ImageBuilder step(String createdBy) {
        history.add(new String[]{createdBy, "1"});
        return this;
    }

    public int layerCount() {
        return layerTars.size();
    }

    /** Writes the docker-archive tar into {@code dir} and returns its path. */
    public Path write(Path dir, String fileName) throws IOException {
        Path out = dir.resolve(fileName);
        try (OutputStream os = Files.newOutputStream(out)) {
            writeTo(os);
        }
        return out;
    }

    public void writeTo(OutputStream os) throws IOException {
        List<String> diffIds = new ArrayList<>();
        for (byte[] t : layerTars) diffIds.add("sha256:" + sha256(t));
        byte[] config = configJson(diffIds);
        String configName = sha256(config) + ".json";
        ArrayNode manifest = JSON.createArrayNode();
        ObjectNode entry = manifest.addObject();
        entry.put("Config", configName);
        entry.putArray("RepoTags").add(tag);
        ArrayNode layers = entry.putArray("Layers");
        for (int i = 0; i < layerTars.size(); i++) layers.add("layer" + i + "/layer.tar");
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < layerTars.size(); i++) files.put("layer" + i + "/layer.tar", layerTars.get(i));
        files.put(configName, config);
        files.put("manifest.json", JSON.writeValueAsBytes(manifest));
        Archives.writeTar(files, os);
    }

    private byte[] configJson(List<String> diffIds) throws IOException {
        ObjectNode c = JSON.createObjectNode();
        c.put("architecture", architecture);
        c.put("os", "linux");
        c.put("created", "2026-01-01T00:00:00Z");
        c.set("config", containerConfig);
        ObjectNode rootfs = c.putObject("rootfs");
        rootfs.put("type", "layers");
        ArrayNode ids = rootfs.putArray("diff_ids");
        diffIds.forEach(ids::add);
        ArrayNode h = c.putArray("history");
        for (String[] step : history) {
            ObjectNode s = h.addObject();
            s.put("created", "2026-01-01T00:00:00Z");
            s.put("created_by", step[0]);
            if (step[1] != null) s.put("empty_layer", true);
        }
        return JSON.writeValueAsBytes(c);
    }

    static String sha256(byte[] data) {
        return Archives.sha256(data).substring("sha256:".length());
    }

    /** Deterministic bytes for a path: equal (seed, size) give equal content. */
    public static byte[] bytes(String seed, int size) {
        byte[] b = new byte[size];
        new Random(seed.hashCode()).nextBytes(b);
        return b;
    }

    /**
     * One layer tar under construction, written through {@link LayerTar}; entries as tar tools write them (the file
     * type bits kept in the mode, whiteouts with their own modes).
     */
    public final class Layer {
        private final String createdBy;
        private final LayerTar tar = LayerTar.create();

        private Layer(String createdBy) {
            this.createdBy = createdBy;
        }

        public Layer dir(String path) {
            return dir(path, 0755, 0, 0);
        }

        public Layer dir(String path, int mode, int uid, int gid) {
            TarArchiveEntry e = new TarArchiveEntry(path.endsWith("/") ? path : path + "/", TarConstants.LF_DIR);
            return add(e, mode, uid, gid, null);
        }

        /** A regular file of {@code size} deterministic bytes (seeded by the path). */
        public Layer file(String path, int size) {
            return file(path, bytes(path, size), 0644, 0, 0);
        }

        public Layer file(String path, String content) {
            return file(path, content.getBytes(StandardCharsets.UTF_8), 0644, 0, 0);
        }

        public Layer file(String path, byte[] content) {
            return file(path, content, 0644, 0, 0);
        }

        public Layer file(String path, byte[] content, int mode, int uid, int gid) {
            TarArchiveEntry e = new TarArchiveEntry(path);
            e.setSize(content.length);
            return add(e, mode, uid, gid, content);
        }

        public Layer symlink(String path, String target) {
            TarArchiveEntry e = new TarArchiveEntry(path, TarConstants.LF_SYMLINK);
            e.setLinkName(target);
            return add(e, 0777, 0, 0, null);
        }

        /** A hardlink entry; {@code target} is the tar name of the linked file. */
        public Layer hardlink(String path, String target) {
            TarArchiveEntry e = new TarArchiveEntry(path, TarConstants.LF_LINK);
            e.setLinkName(target);
            return add(e, 0644, 0, 0, null);
        }

        /** Deletes {@code path} (file or directory) of lower layers: {@code dir/.wh.name}. */
        public Layer whiteout(String path) {
            int slash = path.lastIndexOf('/');
            String name = slash < 0 ? ".wh." + path : path.substring(0, slash + 1) + ".wh." + path.substring(slash + 1);
            return file(name, new byte[0], 0600, 0, 0);
        }

        /** Hides everything lower layers put below {@code dir}: {@code dir/.wh..wh..opq}. */
        public Layer opaque(String dir) {
            return file(dir + "/.wh..wh..opq", new byte[0], 0755, 0, 0);
        }

        private Layer add(TarArchiveEntry e, int mode, int uid, int gid, byte[] content) {
            e.setMode((e.getMode() & ~07777) | mode); // keep the type bits tar tools write
            e.setUserId(uid);
            e.setGroupId(gid);
            e.setModTime(1_700_000_000_000L);
            tar.put(e, content == null ? new byte[0] : content);
            return this;
        }

        /** Closes the layer and returns to the image. */
        public ImageBuilder done() {
            layerTars.add(tar.bytes());
            history.add(new String[]{createdBy, null});
            return ImageBuilder.this;
        }
    }
}
