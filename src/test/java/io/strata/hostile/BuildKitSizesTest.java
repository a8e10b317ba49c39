package io.strata.hostile;

import io.strata.testing.Archives;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.testing.ImageBuilder;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * docker history measures a layer as the lstat sizes of its files. The classic builder counts a symlink as its
 * target's length (testdata/docker25/built: the layer with a 12-byte symlink shows 84 B for 72 B of files);
 * BuildKit's layers (history comment buildkit.dockerfile.v0) leave symlinks out. Strata follows each.
 */
class BuildKitSizesTest {
    private static final String TARGET = "etc/info.txt"; // 12 bytes
    private static final int FILE = 100;

    @TempDir
    Path tmp;

    private static byte[] layer(String dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            TarArchiveEntry f = new TarArchiveEntry(dir + "/data.bin");
            f.setSize(FILE);
            tar.putArchiveEntry(f);
            tar.write(ImageBuilder.bytes(dir, FILE));
            tar.closeArchiveEntry();
            TarArchiveEntry l = new TarArchiveEntry(dir + "/info-link", TarConstants.LF_SYMLINK);
            l.setLinkName(TARGET);
            tar.putArchiveEntry(l);
            tar.closeArchiveEntry();
        }
        return out.toByteArray();
    }

    @Test
    void buildKitLayersLeaveSymlinkTargetsOutClassicOnesCountThem() throws Exception {
        Archives.Docker d = new Archives.Docker().layer(layer("classic")).layer(layer("buildkit"));
        ObjectNode config = Archives.config(List.of(Archives.sha256(layer("classic")), Archives.sha256(layer("buildkit"))));
        ArrayNode history = config.putArray("history");
        history.addObject().put("created_by", "/bin/sh -c ln -s etc/info.txt /classic/info-link");
        history.addObject().put("created_by", "RUN /bin/sh -c ln -s etc/info.txt /buildkit/info-link # buildkit")
                .put("comment", "buildkit.dockerfile.v0");
        Path archive = d.config(Archives.json(config)).write(tmp.resolve("buildkit.tar"));

        var run = CommandMatrix.run(List.of("history", archive.toString(), "--format", "json", "--no-cache"));
        assertEquals(0, run.code(), run.err());
        JsonNode rows = Archives.JSON.readTree(run.out()).path("history");
        assertEquals(FILE, rows.get(0).path("size").asLong(), "BuildKit: regular files only\n" + rows);
        assertEquals(FILE + TARGET.length(), rows.get(1).path("size").asLong(), "classic: symlink targets too");

        JsonNode inspect = Archives.JSON.readTree(CommandMatrix.run(List.of("inspect", archive.toString(), "--format",
                "json", "--no-cache")).out());
        JsonNode layers = inspect.path("images").get(0).path("layers");
        assertEquals(FILE + TARGET.length(), layers.get(0).path("contentBytes").asLong(), inspect.toString());
        assertEquals(FILE, layers.get(1).path("contentBytes").asLong());
    }

    /**
     * A real BuildKit build (docker save of osv-scalibr's symlinks fixture, testdata/third-party/buildkit): every layer is shown
     * by its regular files' bytes, as BuildKit measures it; waste keeps the classic figure. The expected figures come
     * from GNU tar's listing of each layer in the facts file.
     */
    @Test
    void aRealBuildKitArchiveShowsBuildKitsFigures() throws Exception {
        Path archive = Path.of("testdata/third-party/buildkit/symlinks.buildkit-docker-save.tar");
        String facts = java.nio.file.Files.readString(Path.of(archive + ".facts.txt"));
        List<Long> buildKit = figures(facts, "regular_file_bytes \\(BuildKit's layer size\\): (\\d+)");
        List<Long> classic = figures(facts, "classic_layer_bytes \\(regular files \\+ symlink targets\\): (\\d+)");
        assertEquals(2, buildKit.size(), facts);

        var run = CommandMatrix.run(List.of("history", archive.toString(), "--format", "json", "--no-cache"));
        assertEquals(0, run.code(), run.err());
        JsonNode rows = Archives.JSON.readTree(run.out()).path("history");
        assertEquals(buildKit.get(1), rows.get(0).path("size").asLong(), "newest first\n" + rows);
        assertEquals(buildKit.get(0), rows.get(1).path("size").asLong(), rows.toString());

        JsonNode image = Archives.JSON.readTree(CommandMatrix.run(List.of("inspect", archive.toString(), "--format",
                "json", "--no-cache")).out()).path("images").get(0);
        for (int l = 0; l < 2; l++) {
            assertEquals(buildKit.get(l), image.path("layers").get(l).path("contentBytes").asLong(), image.toString());
        }
        assertEquals(buildKit.get(0) + buildKit.get(1), image.path("logicalBytes").asLong());

        JsonNode waste = Archives.JSON.readTree(CommandMatrix.run(List.of("waste", archive.toString(), "--format",
                "json", "--no-cache")).out());
        assertEquals(classic.get(0) + classic.get(1), waste.path("logicalBytes").asLong(), "waste: the classic figure");
    }

    private static List<Long> figures(String facts, String pattern) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(pattern).matcher(facts);
        List<Long> out = new java.util.ArrayList<>();
        while (m.find()) out.add(Long.parseLong(m.group(1)));
        return out;
    }
}
