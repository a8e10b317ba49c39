package io.strata.cli;

import io.strata.session.ExitCodes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.strata.testing.Facts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.strata.cli.CliRun.SAMPLE;
import static io.strata.cli.CliRun.strata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What CI systems read: ci's JSON numbers, JUnit XML valid against Ant's JUnit schema, SARIF valid against the
 * OASIS SARIF 2.1.0 schema (ci, verify, advise), percentages in text, complete waste lists in JSON.
 */
class CiFormatsTest {
    private static JsonSchema sarifSchema() throws Exception {
        try (InputStream in = CiFormatsTest.class.getResourceAsStream("/schemas/sarif-schema-2.1.0.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
    }

    private static void assertValidSarif(CliRun run) throws Exception {
        JsonNode doc = run.json();
        Set<ValidationMessage> errors = sarifSchema().validate(doc);
        assertTrue(errors.isEmpty(), errors + "\n" + run.out());
        assertEquals("2.1.0", doc.path("version").asText());
        Set<String> ruleIds = new HashSet<>();
        doc.path("runs").get(0).path("tool").path("driver").path("rules").forEach(r -> ruleIds.add(r.path("id").asText()));
        for (JsonNode r : doc.path("runs").get(0).path("results")) {
            assertTrue(ruleIds.contains(r.path("ruleId").asText()), "rule declared: " + r);
            assertFalse(r.path("locations").get(0).path("logicalLocations").isEmpty(), "located: " + r);
        }
    }

    @Test
    void ciJsonNumbersAreNumbers() {
        CliRun r = strata("ci", SAMPLE, "--format", "json", "--max-layers", "20", "--highest-wasted-bytes", "2MB");
        assertEquals(ExitCodes.FOUND, r.code(), r.err());
        for (JsonNode g : r.json().path("gates")) {
            if (g.path("status").asText().equals("SKIP")) {
                assertTrue(g.path("threshold").isNull() && g.path("value").isNull(), g.toString());
            } else {
                assertTrue(g.path("threshold").isNumber() && g.path("value").isNumber(), g.toString());
            }
        }
        JsonNode layers = gate(r.json(), "maxLayers");
        assertEquals(20, layers.path("threshold").asInt());
        // the sample has 9 layers (its facts: skopeo's manifest lists 9)
        assertEquals(Facts.read(Facts.of(Path.of(SAMPLE))).json(t -> t.startsWith("skopeo inspect --raw")).orElseThrow()
                .path("layers").size(), layers.path("value").asInt());
        assertEquals(2_000_000, gate(r.json(), "highestWastedBytes").path("threshold").asLong());
        assertEquals("ratio", gate(r.json(), "lowestEfficiency").path("unit").asText());
        assertEquals(0.9, gate(r.json(), "lowestEfficiency").path("threshold").asDouble());
    }

    private static JsonNode gate(JsonNode doc, String name) {
        for (JsonNode g : doc.path("gates")) if (g.path("name").asText().equals(name)) return g;
        throw new AssertionError(name);
    }

    /** Ratios are shown as percentages with sensible digits, dive's userWastedPercent said to be a ratio. */
    @Test
    void textShowsPercentages() {
        CliRun json = strata("ci", SAMPLE, "--format", "json");
        double efficiency = json.json().path("dive").path("efficiency").asDouble();
        String expected = String.format(java.util.Locale.ROOT, "%.1f %%", efficiency * 100);
        CliRun text = strata("ci", SAMPLE);
        assertTrue(text.out().contains("efficiency " + expected), text.out());
        assertFalse(text.out().contains(Double.toString(efficiency)), text.out());
        assertTrue(text.out().contains("userWastedPercent") && text.out().contains("a ratio"), text.out());
        CliRun waste = strata("waste", SAMPLE);
        assertTrue(waste.out().contains(expected), waste.out());
    }

    @Test
    void ciJunitIsValidAgainstTheAntSchema() throws Exception {
        CliRun r = strata("ci", SAMPLE, "--format", "junit", "--no-setuid", "--max-layers", "20");
        assertEquals(ExitCodes.FOUND, r.code(), r.err());
        var factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        try (InputStream xsd = getClass().getResourceAsStream("/schemas/JUnit.xsd")) {
            factory.newSchema(new StreamSource(xsd)).newValidator().validate(new StreamSource(new StringReader(r.out())));
        }
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(r.out().getBytes(StandardCharsets.UTF_8)));
        NodeList cases = doc.getElementsByTagName("testcase");
        CliRun json = strata("ci", SAMPLE, "--format", "json", "--no-setuid", "--max-layers", "20");
        assertEquals(json.json().path("gates").size(), cases.getLength(), "one test case per gate");
        int failures = 0;
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            String status = gate(json.json(), c.getAttribute("name")).path("status").asText();
            boolean failed = c.getElementsByTagName("failure").getLength() == 1;
            assertEquals(status.equals("FAIL"), failed, c.getAttribute("name"));
            if (failed) failures++;
        }
        assertTrue(failures >= 2, "the sample fails lowestEfficiency and noSetuid");
        assertEquals(Integer.toString(failures), ((Element) doc.getElementsByTagName("testsuite").item(0)).getAttribute("failures"));
    }

    @Test
    void sarifIsValidOnCiVerifyAndAdvise() throws Exception {
        CliRun ci = strata("ci", SAMPLE, "--format", "sarif", "--no-setuid");
        assertEquals(ExitCodes.FOUND, ci.code(), ci.err());
        assertValidSarif(ci);
        // each setuid offender is one error located at its path inside the image
        List<String> setuid = ci.json().path("runs").get(0).path("results").findParents("ruleId").stream()
                .filter(n -> n.path("ruleId").asText().equals("ci/noSetuid") && n.path("level").asText().equals("error"))
                .map(n -> n.path("locations").get(0).path("physicalLocation").path("artifactLocation").path("uri").asText())
                .sorted().toList();
        assertEquals(List.of("/opt/app/bin/sgid-tool", "/opt/app/bin/suid-tool"), setuid);

        CliRun verify = strata("verify", SAMPLE, "--format", "sarif");
        assertEquals(ExitCodes.OK, verify.code(), verify.err());
        assertValidSarif(verify);

        CliRun advise = strata("advise", SAMPLE, "--format", "sarif");
        assertEquals(ExitCodes.OK, advise.code(), advise.err());
        assertValidSarif(advise);
        CliRun adviseJson = strata("advise", SAMPLE, "--format", "json");
        assertEquals(adviseJson.json().path("advice").size() + adviseJson.json().path("security").size(),
                advise.json().path("runs").get(0).path("results").size(), advise.out());
        boolean layered = false;
        for (JsonNode r : advise.json().path("runs").get(0).path("results")) {
            for (JsonNode l : r.path("locations").get(0).path("logicalLocations")) {
                if (l.path("name").asText().startsWith("layer ")) layered = true;
            }
        }
        assertTrue(layered, "advice is located at a layer");
    }

    /** The schema check has teeth: a level SARIF does not define is refused. */
    @Test
    void theSarifSchemaRefusesWhatItShould() throws Exception {
        JsonNode doc = strata("ci", SAMPLE, "--format", "sarif").json();
        ((com.fasterxml.jackson.databind.node.ObjectNode) doc.path("runs").get(0).path("results").get(0)).put("level", "fatal");
        assertFalse(sarifSchema().validate(doc).isEmpty());
    }

    @Test
    void sarifOfAVerifyThatFails(@TempDir Path dir) throws Exception {
        // a flipped byte in the middle of a layer blob: verify finds the digest mismatch
        byte[] bytes = Files.readAllBytes(Path.of(SAMPLE));
        bytes[bytes.length / 2] ^= 0x55;
        Path broken = dir.resolve("broken.tar");
        Files.write(broken, bytes);
        CliRun verify = strata("verify", broken.toString(), "--format", "sarif");
        assertEquals(ExitCodes.FOUND, verify.code(), verify.err());
        assertValidSarif(verify);
        assertTrue(verify.json().path("runs").get(0).path("results").findValuesAsText("level").contains("error"), verify.out());
    }

    @Test
    void diveCiConfigFlagIsAnAlias(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve(".dive-ci");
        Files.writeString(cfg, "rules:\n  lowestEfficiency: 0.5\n  highestUserWastedPercent: disabled\n");
        CliRun a = strata("ci", SAMPLE, "--ci-config", cfg.toString());
        CliRun b = strata("ci", SAMPLE, "--config", cfg.toString());
        assertEquals(ExitCodes.OK, a.code(), a.out() + a.err());
        assertEquals(b.out(), a.out());
    }

    /** waste JSON: complete lists by default; --top cuts them and says how many it left out. */
    @Test
    void wasteJsonListsAreCompleteOrSayWhatIsLeftOut() {
        JsonNode all = strata("waste", SAMPLE, "--format", "json").json();
        assertEquals(all.path("wastedPaths").asInt(), all.path("wasted").size());
        assertEquals(0, all.path("wastedOmitted").asInt());
        JsonNode top = strata("waste", SAMPLE, "--format", "json", "--top", "2").json();
        assertEquals(2, top.path("wasted").size());
        assertEquals(all.path("wastedPaths").asInt() - 2, top.path("wastedOmitted").asInt());
        assertEquals(top.path("dive").path("inefficientPaths").asInt() - top.path("dive").path("inefficient").size(),
                top.path("dive").path("inefficientOmitted").asInt());
    }
}
