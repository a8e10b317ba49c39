package io.strata.archive;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.model.Digest;
import io.strata.model.HistoryEntry;
import io.strata.model.ImageConfig;
import io.strata.testing.Facts;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every archive under testdata/ read without scanning a layer: images, manifests, media types and configs equal
 * what skopeo printed in the facts (skopeo's `--raw` of a docker-archive is a manifest skopeo synthesizes, with
 * gzip media types; for those only digests and sizes are compared, for OCI manifests the media types too).
 */
class ArchiveGoldenTest {
    private static final Path DATA = Path.of("testdata");
    private static final Pattern MANIFEST_BLOB = Pattern.compile("^blob sha256:([0-9a-f]{64}) \\(.*manifest.*");

    static List<Path> archives() throws IOException {
        try (Stream<Path> s = Files.walk(DATA, 2)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tar")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyArchiveMatchesSkopeo() throws IOException {
        List<Path> all = archives();
        for (String folder : List.of("sample", "pair", "multiarch", "docker25", "versions")) {
            assertTrue(all.stream().anyMatch(p -> p.getParent().getFileName().toString().equals(folder)), folder);
        }
        return all.stream().map(p -> DynamicTest.dynamicTest(DATA.relativize(p).toString(), () -> check(p)));
    }

    private static void check(Path archive) throws Exception {
        Facts facts = Facts.read(Facts.of(archive));
        try (ImageArchive a = ImageArchives.open(archive.toString())) {
            List<ImageEntry> images = a.images();
            assertEquals(Files.size(archive), a.bytes());
            List<JsonNode> configs = configs(facts);
            assertEquals(configs.size(), images.size(), "one config per image, as skopeo printed them");
            for (int i = 0; i < images.size(); i++) {
                ImageEntry image = images.get(i);
                assertEquals(ImageEntry.Kind.IMAGE, image.kind());
                checkConfig(image, configs.get(i), archive + " image " + i);
                ExpectedManifest m = manifest(facts, i, image, a.format());
                checkManifest(image, m, archive + " image " + i);
            }
            checkManifestDigests(facts, images, archive);
        }
    }

    /** The configs skopeo printed (`--config`) or the facts read from the blobs, in image order. */
    static List<JsonNode> configs(Facts facts) {
        List<JsonNode> out = new ArrayList<>();
        for (Facts.Section s : facts.sections(t -> t.startsWith("skopeo inspect --config") || t.equals("its config blob"))) {
            s.json().ifPresent(out::add);
        }
        return out;
    }

    private record ExpectedManifest(JsonNode json, boolean mediaTypesAreReal) {
    }

    /**
     * The manifest the facts hold for image {@code i}: a manifest blob read from the archive (docker25, multiarch),
     * matched by digest; else skopeo's `--raw` in image order (synthesized for docker-archives).
     */
    private static ExpectedManifest manifest(Facts facts, int i, ImageEntry image, String format) {
        Map<String, JsonNode> blobs = new TreeMap<>();
        for (Facts.Section s : facts.sections(t -> MANIFEST_BLOB.matcher(t).matches())) {
            Matcher m = MANIFEST_BLOB.matcher(s.title());
            if (m.matches()) s.json().ifPresent(j -> blobs.put("sha256:" + m.group(1), j));
        }
        if (!blobs.isEmpty()) {
            String digest = image.manifestDigest().map(Digest::toString).orElseThrow();
            JsonNode json = blobs.get(digest);
            assertNotNull(json, "manifest " + digest + " is among the facts' manifest blobs " + blobs.keySet());
            return new ExpectedManifest(json, true);
        }
        List<JsonNode> raws = facts.sections(t -> t.startsWith("skopeo inspect --raw")).stream()
                .map(Facts.Section::json).flatMap(Optional::stream).filter(j -> j.has("config")).toList();
        return new ExpectedManifest(raws.get(i), !format.startsWith("docker-archive"));
    }

    private static void checkManifest(ImageEntry image, ExpectedManifest m, String what) {
        JsonNode json = m.json();
        assertEquals(json.path("config").path("digest").asText(), image.configDigest().toString(), what + " config digest");
        assertEquals(json.path("config").path("size").asLong(), image.configBytes(), what + " config size");
        JsonNode layers = json.path("layers");
        assertEquals(layers.size(), image.layers().size(), what + " layer count");
        for (int l = 0; l < layers.size(); l++) {
            JsonNode d = layers.get(l);
            LayerRef ref = image.layers().get(l);
            assertTrue(ref.present(), what + " layer " + l + " is stored");
            assertEquals(d.path("size").asLong(), ref.stored().orElseThrow().size(), what + " layer " + l + " stored size");
            if (m.mediaTypesAreReal()) {
                assertEquals(d.path("mediaType").asText(), ref.mediaType(), what + " layer " + l + " media type");
                assertEquals(d.path("digest").asText(), ref.declaredDigest().map(Digest::toString).orElse(""),
                        what + " layer " + l + " digest");
            }
        }
        if (m.mediaTypesAreReal()) {
            assertEquals(json.path("config").path("mediaType").asText(), image.configMediaType(), what + " config media type");
            if (json.has("mediaType")) {
                assertEquals(json.path("mediaType").asText(), image.manifestMediaType().orElse(""), what + " manifest media type");
            }
        }
    }

    /** `skopeo inspect oci...` reports the manifest digest; Strata must list an image with that digest. */
    private static void checkManifestDigests(Facts facts, List<ImageEntry> images, Path archive) {
        for (Facts.Section s : facts.sections(t -> t.startsWith("skopeo inspect oci"))) {
            Optional<JsonNode> json = s.json();
            if (json.isEmpty()) continue;
            String digest = json.get().path("Digest").asText();
            assertTrue(images.stream().anyMatch(e -> e.manifestDigest().map(Digest::toString).orElse("").equals(digest)),
                    archive + ": skopeo's manifest digest " + digest + " (" + s.title() + ") is listed");
        }
    }

    /** Every config field Strata models equals the config JSON skopeo printed. */
    static void checkConfig(ImageEntry image, JsonNode expected, String what) {
        ImageConfig c = image.config();
        assertEquals(expected.path("architecture").asText(), c.platform().architecture(), what + " architecture");
        assertEquals(expected.path("os").asText(), c.platform().os(), what + " os");
        assertEquals(text(expected, "variant"), c.platform().variant(), what + " variant");
        assertEquals(text(expected, "created"), c.created(), what + " created");
        assertEquals(text(expected, "author"), c.author(), what + " author");
        JsonNode cc = expected.path("config");
        assertEquals(strings(cc.path("Env")), c.env(), what + " Env");
        assertEquals(strings(cc.path("Cmd")), c.cmd(), what + " Cmd");
        assertEquals(strings(cc.path("Entrypoint")), c.entrypoint(), what + " Entrypoint");
        assertEquals(text(cc, "User").filter(s -> !s.isEmpty()), c.user(), what + " User");
        assertEquals(text(cc, "WorkingDir").filter(s -> !s.isEmpty()), c.workingDir(), what + " WorkingDir");
        assertEquals(text(cc, "StopSignal").filter(s -> !s.isEmpty()), c.stopSignal(), what + " StopSignal");
        assertEquals(keys(cc.path("ExposedPorts")), c.exposedPorts(), what + " ExposedPorts");
        assertEquals(keys(cc.path("Volumes")), c.volumes(), what + " Volumes");
        Map<String, String> labels = new TreeMap<>();
        cc.path("Labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        assertEquals(labels, c.labels(), what + " Labels");
        assertEquals(strings(expected.path("rootfs").path("diff_ids")),
                c.diffIds().stream().map(Digest::toString).toList(), what + " diff_ids");
        JsonNode history = expected.path("history");
        assertEquals(history.size(), c.history().size(), what + " history length");
        for (int i = 0; i < history.size(); i++) {
            JsonNode h = history.get(i);
            HistoryEntry e = c.history().get(i);
            assertEquals(text(h, "created"), e.created(), what + " history " + i + " created");
            assertEquals(text(h, "created_by"), e.createdBy(), what + " history " + i + " created_by");
            assertEquals(text(h, "comment"), e.comment(), what + " history " + i + " comment");
            assertEquals(text(h, "author"), e.author(), what + " history " + i + " author");
            assertEquals(h.path("empty_layer").asBoolean(false), e.emptyLayer(), what + " history " + i + " empty_layer");
        }
        assertFalse(c.diffIds().isEmpty(), what + " has layers");
    }

    private static Optional<String> text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static TreeSet<String> keys(JsonNode object) {
        TreeSet<String> out = new TreeSet<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
