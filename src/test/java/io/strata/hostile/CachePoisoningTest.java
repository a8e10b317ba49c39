package io.strata.hostile;

import io.strata.testing.Archives;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.cache.CacheLocation;
import io.strata.testing.PropertyOverride;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cache poisoning: evil.tar claims good.tar's diffIds (and blob digests) but stores other bytes of the same size,
 * with a setuid file. After a warm run on good, evil must still show its own bytes: `files` lists evil's hashes and
 * `ci --no-setuid` fails. In docker-archive form (plain layer tars, no declared digest: the key is diffId + size)
 * and in OCI form (a gzip blob, declared digest: the key is diffId + digest), and in one run over both.
 */
class CachePoisoningTest {
    @TempDir
    Path dir;
    @TempDir
    Path cache;
    private PropertyOverride cacheFolder;

    private static final int SIZE = 4000;
    private static final byte[] GOOD = content('g');
    private static final byte[] EVIL = content('e');

    @BeforeEach
    void ownCache() {
        cacheFolder = PropertyOverride.set(CacheLocation.PROPERTY, cache.toString());
    }

    @AfterEach
    void restore() {
        cacheFolder.close();
    }

    private static byte[] content(char c) {
        byte[] b = new byte[SIZE];
        Arrays.fill(b, (byte) c);
        return b;
    }

    /** A layer with /bin/tool: the good one 0755, the evil one setuid 04755, the same length either way. */
    static byte[] layer(byte[] tool, int mode) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            TarArchiveEntry d = new TarArchiveEntry("bin/");
            d.setMode(040755);
            d.setModTime(0);
            tar.putArchiveEntry(d);
            tar.closeArchiveEntry();
            TarArchiveEntry f = new TarArchiveEntry("bin/tool");
            f.setMode(0100000 | mode);
            f.setSize(tool.length);
            f.setModTime(0);
            tar.putArchiveEntry(f);
            tar.write(tool);
            tar.closeArchiveEntry();
            tar.finish();
        }
        return out.toByteArray();
    }

    /** A gzip member of exactly {@code size} bytes: the header's file name field takes up the slack. */
    static byte[] gzipOfSize(byte[] data, int size) {
        Deflater d = new Deflater(9, true);
        d.setInput(data);
        d.finish();
        byte[] buf = new byte[data.length + 1024];
        int n = d.deflate(buf);
        d.end();
        int name = size - 10 - n - 8 - 1; // header, deflate data, trailer, the name's NUL
        if (name < 0) throw new IllegalArgumentException("cannot fit in " + size + " bytes");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{0x1f, (byte) 0x8b, 8, 8, 0, 0, 0, 0, 0, (byte) 0xff});
        byte[] pad = new byte[name];
        Arrays.fill(pad, (byte) 'x');
        out.writeBytes(pad);
        out.write(0);
        out.write(buf, 0, n);
        CRC32 crc = new CRC32();
        crc.update(data);
        long c = crc.getValue();
        for (int i = 0; i < 4; i++) out.write((int) (c >>> (8 * i)));
        for (int i = 0; i < 4; i++) out.write((int) ((long) data.length >>> (8 * i)));
        byte[] gz = out.toByteArray();
        assertEquals(size, gz.length);
        return gz;
    }

    private record Pair(Path good, Path evil) {
    }

    private Pair dockerPair() throws IOException {
        byte[] good = layer(GOOD, 0755);
        byte[] evil = layer(EVIL, 04755);
        assertEquals(good.length, evil.length);
        Archives.Docker g = new Archives.Docker().layer(good);
        Path goodTar = g.write(dir.resolve("good.docker.tar"));
        Map<String, byte[]> files = new LinkedHashMap<>(g.files());
        files.put(g.layerName(0), evil); // the same manifest and config: the same claims
        return new Pair(goodTar, Archives.writeTar(files, dir.resolve("evil.docker.tar")));
    }

    private Pair ociPair() throws IOException {
        byte[] goodTar = layer(GOOD, 0755);
        byte[] goodBlob = Archives.gzip(goodTar);
        Archives.Oci oci = new Archives.Oci();
        ObjectNode config = oci.blob("application/vnd.oci.image.config.v1+json",
                Archives.json(Archives.config(List.of(Archives.sha256(goodTar)))));
        ObjectNode layer = oci.blob("application/vnd.oci.image.layer.v1.tar+gzip", goodBlob);
        ObjectNode manifest = Archives.JSON.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        manifest.set("config", config);
        manifest.putArray("layers").add(layer);
        ObjectNode m = oci.blob("application/vnd.oci.image.manifest.v1+json", Archives.json(manifest));
        m.putObject("annotations").put("org.opencontainers.image.ref.name", "1.0");
        oci.index(m);
        Path good = oci.write(dir.resolve("good.oci.tar"));
        // the same index, manifest and config; the blob named by good's digest holds evil's gzip, as long as good's
        oci.raw("blobs/" + layer.get("digest").asText().replace(':', '/'), gzipOfSize(layer(EVIL, 04755), goodBlob.length));
        return new Pair(good, oci.write(dir.resolve("evil.oci.tar")));
    }

    private static String sha256Of(byte[] b) {
        return Archives.sha256(b);
    }

    private static JsonNode tool(CommandMatrix.Outcome run) throws IOException {
        for (JsonNode f : Archives.JSON.readTree(run.out()).path("files")) {
            if (f.path("path").asText().equals("/bin/tool")) return f;
        }
        throw new AssertionError("no /bin/tool in " + run.out());
    }

    private static CommandMatrix.Outcome strata(String... args) {
        return CommandMatrix.run(List.of(args));
    }

    private void assertEvilShowsItself(Pair p) throws IOException {
        CommandMatrix.Outcome good = strata("files", "--format", "json", p.good().toString());
        assertEquals(0, good.code(), good.err());
        assertEquals(sha256Of(GOOD), tool(good).path("sha256").asText());
        assertEquals(0, strata("ci", "--no-setuid", p.good().toString()).code(), "good has no setuid file");
        // warm: good's scans are in the cache under the claims evil repeats
        assertEquals(0, strata("files", p.good().toString()).code());

        CommandMatrix.Outcome evil = strata("files", "--format", "json", p.evil().toString());
        assertEquals(sha256Of(EVIL), tool(evil).path("sha256").asText(), "evil's own bytes, not good's cached scan");
        assertEquals("4755", tool(evil).path("mode").asText().replaceFirst("^0", ""));
        assertTrue(evil.err().contains("diffId"), "the mismatch is said on stderr: " + evil.err());
        boolean found = false;
        for (JsonNode f : Archives.JSON.readTree(evil.out()).path("findings")) {
            if (f.path("code").asText().equals("diffid-mismatch")) found = true;
        }
        assertTrue(found, "and is a finding in the JSON: " + evil.out());

        CommandMatrix.Outcome ci = strata("ci", "--no-setuid", p.evil().toString());
        assertEquals(1, ci.code(), ci.out() + ci.err());

        // one run over both: the set's shared-layer reuse must not hand evil good's scan either
        CommandMatrix.Outcome both = strata("ci", "--no-setuid", p.good().toString(), p.evil().toString());
        assertEquals(1, both.code(), both.out() + both.err());
        CommandMatrix.Outcome after = strata("files", "--format", "json", p.good().toString());
        assertEquals(sha256Of(GOOD), tool(after).path("sha256").asText(), "good still shows good");
    }

    @Test
    void dockerArchive() throws IOException {
        assertEvilShowsItself(dockerPair());
    }

    @Test
    void ociArchive() throws IOException {
        Pair p = ociPair();
        assertNotEquals(Files.size(p.good()), 0);
        assertEquals(Files.size(p.good()), Files.size(p.evil()));
        assertEvilShowsItself(p);
    }

    /** The evil OCI archive's blob really is a gzip of other bytes: checked with the JDK's own reader. */
    @Test
    void theEvilBlobIsAValidGzip() throws IOException {
        byte[] evilTar = layer(EVIL, 04755);
        byte[] gz = gzipOfSize(evilTar, 600);
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
            assertTrue(Arrays.equals(evilTar, in.readAllBytes()));
        }
        assertEquals("eeee", new String(EVIL, 0, 4, StandardCharsets.US_ASCII));
    }
}
