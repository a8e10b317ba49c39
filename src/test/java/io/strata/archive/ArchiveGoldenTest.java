package io.strata.archive;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.model.Digest;
import io.strata.testing.ConfigAssertions;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    static List<Path> archives() {
        return Facts.archivesUnder(DATA);
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
            List<JsonNode> configs = ConfigAssertions.configs(facts);
            assertEquals(configs.size(), images.size(), "one config per image, as skopeo printed them");
            for (int i = 0; i < images.size(); i++) {
                ImageEntry image = images.get(i);
                assertEquals(ImageEntry.Kind.IMAGE, image.kind());
                ConfigAssertions.assertConfig(image.config(), configs.get(i), archive + " image " + i);
                ExpectedManifest m = manifest(facts, i, image, a.format());
                checkManifest(image, m, archive + " image " + i);
            }
            checkManifestDigests(facts, images, archive);
        }
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

}
