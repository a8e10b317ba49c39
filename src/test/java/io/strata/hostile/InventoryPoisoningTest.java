package io.strata.hostile;

import io.strata.testing.TempCache;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.testing.Archives;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cache poisoning of the kept package inventory: evil.tar claims good.tar's diffIds (and blob digests) but its second
 * layer stores another dpkg status of the same size. After warm runs on good (its inventory kept), `packages` and
 * `sbom` on evil must list evil's own package, in docker-archive and OCI form, and in one run over both.
 */
class InventoryPoisoningTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final TempCache cache = new TempCache();

    /** dpkg status stanzas of the same length: the tars that hold them are the same size too. */
    private static String status(String name) {
        return "Package: " + name + "\nStatus: install ok installed\nVersion: 1.0-1\nArchitecture: all\n"
                + "Description: the " + name + " package\n\n";
    }

    private static byte[] tar(Map<String, String> files) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                byte[] content = f.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry e = new TarArchiveEntry(f.getKey());
                e.setMode(0100644);
                e.setSize(content.length);
                e.setModTime(0);
                tar.putArchiveEntry(e);
                tar.write(content);
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
        return out.toByteArray();
    }

    private static final byte[] BASE = bytes(Map.of("etc/os-release", "ID=debian\nVERSION_ID=12\n"));
    private static final byte[] GOOD = bytes(Map.of("var/lib/dpkg/status", status("goodpkg")));
    private static final byte[] EVIL = bytes(Map.of("var/lib/dpkg/status", status("evilpkg")));

    private static byte[] bytes(Map<String, String> files) {
        try {
            return tar(new LinkedHashMap<>(files));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Pair(Path good, Path evil) {
    }

    private Pair dockerPair() throws IOException {
        assertEquals(GOOD.length, EVIL.length);
        Archives.Docker g = new Archives.Docker().layer(BASE).layer(GOOD);
        Path good = g.write(dir.resolve("good.docker.tar"));
        Map<String, byte[]> files = new LinkedHashMap<>(g.files());
        files.put(g.layerName(1), EVIL); // the same manifest and config: the same claims
        return new Pair(good, Archives.writeTar(files, dir.resolve("evil.docker.tar")));
    }

    private Pair ociPair() throws IOException {
        Archives.Oci oci = new Archives.Oci();
        ObjectNode manifest = oci.image("sha256", BASE, GOOD);
        manifest.putObject("annotations").put("org.opencontainers.image.ref.name", "1.0");
        oci.index(manifest);
        Path good = oci.write(dir.resolve("good.oci.tar"));
        // the same index, manifest and config; the blob named by good's digest holds evil's tar, as long as good's
        oci.raw("blobs/" + Archives.sha256(GOOD).replace(':', '/'), EVIL);
        return new Pair(good, oci.write(dir.resolve("evil.oci.tar")));
    }

    private static CommandMatrix.Outcome strata(String... args) {
        return CommandMatrix.run(List.of(args));
    }

    /** The names `packages --format json` lists for each image of the run, in order. */
    private static List<String> packageNames(CommandMatrix.Outcome run) throws IOException {
        JsonNode doc = Archives.JSON.readTree(run.out());
        List<String> names = new ArrayList<>();
        List<JsonNode> images = new ArrayList<>();
        if (doc.has("images")) doc.path("images").forEach(images::add);
        else images.add(doc);
        for (JsonNode image : images) {
            for (JsonNode p : image.path("packages")) names.add(p.path("name").asText());
        }
        return names;
    }

    private void assertEvilShowsItsOwnPackages(Pair p) throws IOException {
        CommandMatrix.Outcome good = strata("packages", "--format", "json", p.good().toString());
        assertEquals(0, good.code(), good.err());
        assertEquals(List.of("goodpkg"), packageNames(good));
        assertEquals(1, cache.entries("derived").size(), "good's inventory is kept");
        CommandMatrix.Outcome warm = strata("packages", "--format", "json", p.good().toString());
        assertEquals(good.out(), warm.out(), "the warm run prints the same");

        CommandMatrix.Outcome evil = strata("packages", "--format", "json", p.evil().toString());
        assertEquals(List.of("evilpkg"), packageNames(evil), "evil's own database, not good's kept inventory");
        assertTrue(evil.err().contains("diffId"), "the mismatch is said on stderr: " + evil.err());
        CommandMatrix.Outcome sbom = strata("sbom", p.evil().toString());
        assertTrue(sbom.out().contains("evilpkg") && !sbom.out().contains("goodpkg"), sbom.out());
        assertEquals(1, cache.entries("derived").size(), "nothing is kept for a layer whose bytes differ from its claims");

        // one run over both: neither the shared-layer reuse nor the kept inventory hands evil good's packages
        CommandMatrix.Outcome both = strata("packages", "--format", "json", p.good().toString(), p.evil().toString());
        assertEquals(List.of("goodpkg", "evilpkg"), packageNames(both), both.out());
        CommandMatrix.Outcome after = strata("packages", "--format", "json", p.good().toString());
        assertEquals(good.out(), after.out(), "good still shows good");
        assertFalse(after.out().contains("evilpkg"));
    }

    @Test
    void dockerArchive() throws IOException {
        assertEvilShowsItsOwnPackages(dockerPair());
    }

    @Test
    void ociArchive() throws IOException {
        Pair p = ociPair();
        assertEquals(Files.size(p.good()), Files.size(p.evil()));
        assertEvilShowsItsOwnPackages(p);
    }
}
