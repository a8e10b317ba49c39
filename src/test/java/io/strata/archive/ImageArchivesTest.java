package io.strata.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.analysis.ImageSelector;
import io.strata.analysis.SelectionException;
import io.strata.model.Digest;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Flavours sniffed from content: an OCI layout directory, a nested index's names, a misleading file name. */
class ImageArchivesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Unpacks a test archive (the test's own setup; Strata never unpacks). */
    private Path unpack(Path tar) throws Exception {
        try (InputStream in = Files.newInputStream(tar); TarArchiveInputStream t = new TarArchiveInputStream(in)) {
            TarArchiveEntry e;
            while ((e = t.getNextEntry()) != null) {
                Path out = dir.resolve(e.getName()).normalize();
                assertTrue(out.startsWith(dir));
                if (e.isDirectory()) Files.createDirectories(out);
                else {
                    Files.createDirectories(out.getParent());
                    Files.copy(t, out);
                }
            }
        }
        return dir;
    }

    @Test
    void ociLayoutDirectoryReadsLikeItsTar() throws Exception {
        Path tar = Path.of("testdata/sample/sample.oci-layout-gzip.tar");
        Path layout = unpack(tar).resolve("sample");
        try (ImageArchive fromTar = ImageArchives.open(tar.toString());
             ImageArchive fromDir = ImageArchives.open(layout.toString())) {
            assertEquals("oci-layout-tar", fromTar.format());
            assertEquals("oci-layout", fromDir.format());
            ImageEntry a = fromTar.images().get(0);
            ImageEntry b = fromDir.images().get(0);
            assertEquals(a.manifestDigest(), b.manifestDigest());
            assertEquals(a.configDigest(), b.configDigest());
            assertEquals(a.refs(), b.refs());
            for (int l = 0; l < a.layers().size(); l++) {
                assertEquals(a.layers().get(l).stored().orElseThrow().size(), b.layers().get(l).stored().orElseThrow().size());
                assertEquals(a.layers().get(l).declaredDigest(), b.layers().get(l).declaredDigest());
            }
        }
    }

    @Test
    void theNameDoesNotDecideTheFlavour() throws Exception {
        Path gz = dir.resolve("looks-plain.tar");
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(Path.of("testdata/sample/sample.docker-save.tar"), out);
        }
        try (ImageArchive a = ImageArchives.open(gz.toString())) {
            assertEquals("docker-archive", a.format());
            assertEquals(List.of("ctest/sample:1.0"), a.images().get(0).refs());
        }
    }

    private static String put(Path blobs, byte[] content) throws Exception {
        String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        Files.write(blobs.resolve(hex), content);
        return "sha256:" + hex;
    }

    /**
     * index.json names "3" a nested index whose own entry is named "1": users type the outer name, so both reach the
     * image, and `--image 3` means that name even though it is also a number.
     */
    @Test
    void nestedIndexKeepsTheOuterName() throws Exception {
        Path layout = dir.resolve("nested");
        Path blobs = Files.createDirectories(layout.resolve("blobs/sha256"));
        byte[] layer = new byte[1024]; // an empty tar: two zero blocks
        String layerDigest = put(blobs, layer);
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                + layerDigest + "\"]}}").getBytes(StandardCharsets.UTF_8);
        String configDigest = put(blobs, config);
        ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2);
        manifest.putObject("config").put("mediaType", "application/vnd.oci.image.config.v1+json")
                .put("digest", configDigest).put("size", config.length);
        manifest.putArray("layers").addObject().put("mediaType", "application/vnd.oci.image.layer.v1.tar")
                .put("digest", layerDigest).put("size", layer.length);
        byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
        String manifestDigest = put(blobs, manifestBytes);
        ObjectNode inner = JSON.createObjectNode().put("schemaVersion", 2); // no mediaType, as go-containerregistry writes
        inner.putArray("manifests").addObject().put("mediaType", "application/vnd.oci.image.manifest.v1+json")
                .put("digest", manifestDigest).put("size", manifestBytes.length)
                .putObject("annotations").put("org.opencontainers.image.ref.name", "1");
        byte[] innerBytes = JSON.writeValueAsBytes(inner);
        String innerDigest = put(blobs, innerBytes);
        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2);
        index.putArray("manifests").addObject().put("mediaType", "application/vnd.oci.image.index.v1+json")
                .put("digest", innerDigest).put("size", innerBytes.length)
                .putObject("annotations").put("org.opencontainers.image.ref.name", "3");
        Files.write(layout.resolve("index.json"), JSON.writeValueAsBytes(index));
        Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");

        try (ImageArchive a = ImageArchives.open(layout.toString())) {
            assertEquals(1, a.images().size());
            ImageEntry e = a.images().get(0);
            assertEquals(List.of("3", "1"), e.refs());
            assertEquals(Digest.parse(manifestDigest), e.manifestDigest().orElseThrow());
            assertEquals("application/vnd.oci.image.manifest.v1+json", e.manifestMediaType().orElseThrow());
            for (String ref : List.of("3", "1", "0", manifestDigest.substring(7, 19))) {
                assertEquals(e, ImageSelector.one(a.label(), a.images(), Optional.of(ref), Optional.empty()), ref);
            }
            SelectionException none = assertThrows(SelectionException.class,
                    () -> ImageSelector.one(a.label(), a.images(), Optional.of("2"), Optional.empty()));
            assertTrue(none.getMessage().contains("no image matches --image 2") && none.getMessage().contains("[0] 3, 1"),
                    none.getMessage());
        }
    }
}
