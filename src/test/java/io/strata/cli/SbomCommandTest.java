package io.strata.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.report.SbomSchemaTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `strata sbom` end to end on the language test image: valid documents, every package the ecosystem tools list,
 * and each attributed to the layer its ecosystem was installed in (the facts' diff_ids, one ecosystem per layer).
 */
class SbomCommandTest {
    static final String IMAGE = "testdata/packages/lang-packages.docker-save.tar";

    @TempDir
    Path tmp;

    /** The facts' diff_ids in layer order: python, npm, java, go. */
    private static List<String> diffIds() throws Exception {
        JsonNode config = null;
        List<String> lines = Files.readAllLines(Path.of(IMAGE + ".facts.txt"));
        int start = lines.indexOf("## skopeo inspect --config docker-archive:lang-packages.docker-save.tar:@0");
        StringBuilder json = new StringBuilder();
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) json.append(lines.get(i)).append('\n');
        config = new ObjectMapper().readTree(json.toString());
        List<String> out = new java.util.ArrayList<>();
        config.at("/rootfs/diff_ids").forEach(d -> out.add(d.asText()));
        return out;
    }

    @Test
    void cycloneDxOfTheLanguageImage() throws Exception {
        Path out = tmp.resolve("bom.json");
        CliRun run = CliRun.strata("sbom", "--format", "cyclonedx", "-o", out.toString(), IMAGE);
        assertEquals(0, run.code(), run.err());
        String json = Files.readString(out);
        SbomSchemaTest.assertValidCycloneDx(json);
        JsonNode bom = new ObjectMapper().readTree(json);
        assertEquals("localhost/lang-packages", bom.at("/metadata/component/name").asText());
        assertTrue(bom.at("/metadata/component/properties").toString().contains("\"strata:label:org.opencontainers.image.title\""));
        List<String> layers = diffIds();
        Map<String, String> layerOfEcosystem = Map.of("python", layers.get(0), "npm", layers.get(1),
                "java", layers.get(2), "go", layers.get(3));
        Map<String, Integer> counts = new HashMap<>();
        for (JsonNode c : bom.get("components")) {
            Map<String, String> props = new HashMap<>();
            c.get("properties").forEach(p -> props.put(p.get("name").asText(), p.get("value").asText()));
            String ecosystem = props.get("strata:ecosystem");
            counts.merge(ecosystem, 1, Integer::sum);
            assertEquals(layerOfEcosystem.get(ecosystem), props.get("strata:layer:diffId"), c.toString());
            // a Maven purl needs the group: a jar with neither pom.properties nor a group in its manifest has none
            boolean groupKnown = !ecosystem.equals("java") || c.has("group");
            assertEquals(groupKnown, !c.path("purl").asText().isEmpty(), c.toString());
        }
        // the ecosystem tools' counts (LangPackagesTest checks the names and versions themselves)
        assertEquals(Map.of("python", 7, "npm", 10, "java", 7, "go", 3), counts);
    }

    @Test
    void spdxOfTheLanguageImageToStandardOutput() throws Exception {
        CliRun run = CliRun.strata("sbom", "--format", "spdx", IMAGE);
        assertEquals(0, run.code(), run.err());
        SbomSchemaTest.assertValidSpdx(run.out());
        JsonNode doc = run.json();
        assertEquals(1 + 27, doc.get("packages").size());
        assertTrue(run.out().contains("\"referenceLocator\" : \"pkg:npm/%40tootallnate/once@2.0.0\""), run.out());
        assertTrue(run.out().contains("\"referenceLocator\" : \"pkg:maven/org.slf4j/slf4j-api@2.0.16\""));
        assertTrue(run.out().contains("\"referenceLocator\" : \"pkg:golang/github.com/google/uuid@v1.3.0\""));
        assertTrue(run.out().contains("\"referenceLocator\" : \"pkg:pypi/typing-extensions@4.4.0\""));
    }

    @Test
    void debianLicencesFromTheCopyrightFilesInBothFormats() throws Exception {
        String dpkg = "testdata/packages/dpkg-layers.oci-archive.tar";
        CliRun cdx = CliRun.strata("sbom", "--format", "cyclonedx", dpkg);
        assertEquals(0, cdx.code(), cdx.err());
        SbomSchemaTest.assertValidCycloneDx(cdx.out());
        CliRun spdx = CliRun.strata("sbom", "--format", "spdx", dpkg);
        assertEquals(0, spdx.code(), spdx.err());
        SbomSchemaTest.assertValidSpdx(spdx.out());
        // zlib1g's copyright file says "License: Zlib" (an SPDX id); tnef's "License: GPL-2+" (not one)
        String zlib = null;
        for (JsonNode c : cdx.json().get("components")) if (c.get("name").asText().equals("zlib1g")) zlib = c.toString();
        assertTrue(zlib != null && zlib.contains("\"id\":\"Zlib\""), zlib);
        // tnef's "GPL-2+" and netbase's "GPL-2" are two licences, each with its own ref and text
        Map<String, String> refs = new HashMap<>();
        spdx.json().get("hasExtractedLicensingInfos").forEach(i -> refs.put(i.get("extractedText").asText(), i.get("licenseId").asText()));
        assertTrue(refs.containsKey("GPL-2+") && refs.containsKey("GPL-2") && !refs.get("GPL-2+").equals(refs.get("GPL-2")), refs.toString());
        for (JsonNode p : spdx.json().get("packages")) {
            if (p.get("name").asText().equals("tnef")) assertEquals(refs.get("GPL-2+"), p.get("licenseDeclared").asText());
            if (p.get("name").asText().equals("netbase")) assertEquals(refs.get("GPL-2"), p.get("licenseDeclared").asText());
        }
    }

    @Test
    void badFormatAndUnreadableInput() {
        CliRun bad = CliRun.strata("sbom", "--format", "xml", IMAGE);
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--format xml"), bad.err());
        CliRun missing = CliRun.strata("sbom", "testdata/packages/no-such-fail.tar");
        assertEquals(2, missing.code());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
    }
}
