package io.strata.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.strata.model.Digest;
import io.strata.model.Platform;
import io.strata.packages.DeclaredPackage;
import io.strata.packages.Ecosystem;
import io.strata.packages.Purls;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both SBOM formats validate against their published JSON schemas (src/test/resources/sbom-schemas, provenance
 * in PROVENANCE.md there) and, for CycloneDX, against the CycloneDX library's own validator too.
 */
public class SbomSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static SbomInput sample() {
        Digest layer0 = Digest.parse("sha256:" + "a".repeat(64));
        Digest layer1 = Digest.parse("sha256:" + "b".repeat(64));
        List<SbomInput.Package> packages = new ArrayList<>();
        Object[][] rows = {
                {Ecosystem.DEB, "libc6", "2.36-9+deb12u4", "amd64", List.of("LGPL-2.1-or-later", "GPL-2.0"), layer0},
                {Ecosystem.NPM, "@tootallnate/once", "2.0.0", null, List.of("MIT"), layer1},
                {Ecosystem.NPM, "ms", "2.1.3", null, List.of("MIT"), layer1},
                {Ecosystem.NPM, "ms", "2.1.3", null, List.of("MIT"), layer1},
                {Ecosystem.PYTHON, "urllib3", "1.26.12", null, List.of("MIT License"), layer0},
                {Ecosystem.PYTHON, "typing_extensions", "4.4.0", null, List.of("Python Software Foundation License"), layer0},
                {Ecosystem.JAVA, "org.jspecify:jspecify", "1.0.0", null, List.of("https://www.apache.org/licenses/LICENSE-2.0"), layer1},
                {Ecosystem.GO, "golang.org/x/text", "v0.7.0", null, List.of("MIT OR Apache-2.0"), layer1},
                {Ecosystem.RPM, "openssl", "1:3.0.7-1.el9", "x86_64", List.of("ASL 2.0 and (GPL or Unknown)"), layer0},
                {Ecosystem.APK, "musl", "1.2.4-r2", "x86_64", List.of(), layer0},
        };
        int n = 0;
        for (Object[] r : rows) {
            @SuppressWarnings("unchecked") List<String> licences = (List<String>) r[4];
            DeclaredPackage d = new DeclaredPackage((Ecosystem) r[0], (String) r[1], (String) r[2],
                    Optional.ofNullable((String) r[3]), Optional.empty(), licences, "/location/" + (n++), List.of(),
                    List.of(), List.of(), Optional.empty(), r[1].equals("ms") && n == 4);
            packages.add(new SbomInput.Package(d, Purls.of(d, Optional.empty()), Optional.of((Digest) r[5]),
                    Optional.of(r[5] == layer0 ? 0 : 1)));
        }
        TreeMap<String, String> labels = new TreeMap<>();
        labels.put("org.opencontainers.image.title", "lang-packages");
        return new SbomInput(new SbomInput.Image(List.of("localhost/lang-packages:1.0"),
                Optional.of(Digest.parse("sha256:" + "c".repeat(64))), Digest.parse("sha256:" + "d".repeat(64)),
                Platform.of("linux", "amd64", null), labels, Optional.of("2026-12-03T09:54:53Z")),
                packages, "0.1.0", Instant.parse("2026-12-03T10:00:00.123Z"));
    }

    private static JsonSchema schema(String file) {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7, b -> b.schemaMappers(m -> m
                .mapPrefix("http://cyclonedx.org/schema/", "classpath:sbom-schemas/")));
        return factory.getSchema(SchemaLocation.of("classpath:sbom-schemas/" + file));
    }

    public static void assertValidCycloneDx(String json) throws Exception {
        Set<ValidationMessage> errors = schema("bom-1.6.schema.json").validate(JSON.readTree(json));
        assertEquals(Set.of(), errors, json);
        assertEquals(List.of(), new JsonParser().validate(json.getBytes(StandardCharsets.UTF_8), org.cyclonedx.Version.VERSION_16));
    }

    public static void assertValidSpdx(String json) throws Exception {
        Set<ValidationMessage> errors = schema("spdx-2.3.schema.json").validate(JSON.readTree(json));
        assertEquals(Set.of(), errors, json);
    }

    @Test
    void cycloneDxIsValidAndCarriesTheFacts() throws Exception {
        String json = CycloneDxWriter.json(sample());
        assertValidCycloneDx(json);
        JsonNode bom = JSON.readTree(json);
        assertEquals("1.6", bom.get("specVersion").asText());
        JsonNode root = bom.at("/metadata/component");
        assertEquals("container", root.get("type").asText());
        assertEquals("localhost/lang-packages", root.get("name").asText());
        assertEquals("1.0", root.get("version").asText());
        assertTrue(root.get("properties").toString().contains("\"strata:label:org.opencontainers.image.title\""));
        assertTrue(root.get("properties").toString().contains("linux/amd64"));
        JsonNode components = bom.get("components");
        assertEquals(10, components.size());
        JsonNode libc = components.get(0);
        assertEquals("pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64", libc.get("purl").asText());
        assertTrue(libc.get("properties").toString().contains("{\"name\":\"strata:layer:diffId\",\"value\":\"sha256:" + "a".repeat(64) + "\"}"),
                libc.get("properties").toString());
        assertEquals("LGPL-2.1-or-later", libc.at("/licenses/0/license/id").asText());
        assertEquals("@tootallnate", components.get(1).get("group").asText());
        assertEquals("once", components.get(1).get("name").asText());
        assertEquals("MIT License", components.get(4).at("/licenses/0/license/name").asText(), "a name is not guessed into an id");
        assertEquals("Apache-2.0", components.get(6).at("/licenses/0/license/id").asText(), "the SPDX list's URL for it");
        assertEquals("MIT OR Apache-2.0", components.get(7).at("/licenses/0/expression").asText());
        assertTrue(!components.get(2).get("bom-ref").asText().equals(components.get(3).get("bom-ref").asText()));
    }

    @Test
    void spdxIsValidAndCarriesTheFacts() throws Exception {
        String json = SpdxWriter.json(sample());
        assertValidSpdx(json);
        JsonNode doc = JSON.readTree(json);
        assertEquals("SPDX-2.3", doc.get("spdxVersion").asText());
        assertEquals("2026-12-03T10:00:00Z", doc.at("/creationInfo/created").asText());
        JsonNode packages = doc.get("packages");
        assertEquals(11, packages.size());
        assertEquals("CONTAINER", packages.get(0).get("primaryPackagePurpose").asText());
        assertEquals("LGPL-2.1-or-later AND GPL-2.0", packages.get(1).get("licenseDeclared").asText());
        assertEquals("MIT OR Apache-2.0", packages.get(8).get("licenseDeclared").asText());
        String ref = packages.get(5).get("licenseDeclared").asText();
        assertTrue(ref.startsWith("LicenseRef-"), ref);
        assertTrue(doc.get("hasExtractedLicensingInfos").toString().contains("\"licenseId\":\"" + ref + "\""));
        assertTrue(packages.get(1).get("annotations").toString().contains("strata:layer:diffId=sha256:" + "a".repeat(64)));
        assertEquals("pkg:golang/golang.org/x/text@v0.7.0", packages.get(8).at("/externalRefs/0/referenceLocator").asText());
        assertEquals(10, doc.get("relationships").size() - 1);
    }
}
