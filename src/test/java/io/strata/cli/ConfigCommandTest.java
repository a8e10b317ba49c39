package io.strata.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.testing.Facts;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `strata config` and `strata manifest` against skopeo: the fields equal the config blob skopeo printed
 * (`skopeo inspect --config --raw`, or `--config` where the facts hold only that), `--raw` equals the stored bytes
 * (their sha256 is the config digest skopeo's manifest names).
 */
class ConfigCommandTest {
    static final String CONFIG = "testdata/config/config.docker-archive.tar";

    private static Facts facts(String archive) {
        return Facts.read(Facts.of(Path.of(archive)));
    }

    /** Every config field, from the archive built with buildah config setting each of them. */
    @Test
    void everyFieldAsTheConfigBlobHoldsIt() {
        JsonNode expected = facts(CONFIG).json(t -> t.startsWith("config blob as stored")).orElseThrow();
        CliRun run = CliRun.strata("config", CONFIG, "--format", "json");
        assertEquals(0, run.code(), run.err());
        JsonNode c = run.json().path("config");
        JsonNode cc = expected.path("config");
        assertEquals(expected.path("created").asText(), c.path("created").asText());
        assertEquals(expected.path("author").asText(), c.path("author").asText());
        assertEquals(expected.path("os").asText() + "/" + expected.path("architecture").asText(), c.path("platform").asText());
        assertEquals(cc.path("User").asText(), c.path("user").asText());
        assertEquals(cc.path("WorkingDir").asText(), c.path("workingDir").asText());
        assertEquals(cc.path("Env"), c.path("env"));
        assertEquals(cc.path("Cmd"), c.path("cmd"));
        assertEquals(cc.path("Entrypoint"), c.path("entrypoint"));
        assertEquals(cc.path("Labels"), c.path("labels"));
        assertEquals(keys(cc.path("ExposedPorts")), strings(c.path("exposedPorts")));
        assertEquals(keys(cc.path("Volumes")), strings(c.path("volumes")));
        assertEquals(cc.path("StopSignal").asText(), c.path("stopSignal").asText());
        assertEquals(cc.path("OnBuild"), c.path("onBuild"));
        assertEquals(cc.path("Shell"), c.path("shell"));
        JsonNode h = cc.path("Healthcheck");
        assertEquals(h.path("Test"), c.path("healthcheck").path("test"));
        assertEquals(h.path("Interval").asLong(), c.path("healthcheck").path("intervalNanos").asLong());
        assertEquals(h.path("Timeout").asLong(), c.path("healthcheck").path("timeoutNanos").asLong());
        assertEquals(h.path("StartPeriod").asLong(), c.path("healthcheck").path("startPeriodNanos").asLong());
        assertEquals(h.path("Retries").asInt(), c.path("healthcheck").path("retries").asInt());
        assertFalse(cc.path("Shell").isMissingNode(), "the fixture sets Shell");

        CliRun text = CliRun.strata("config", CONFIG);
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().lines().anyMatch(l -> l.matches("User\\s+" + cc.path("User").asText())), text.out());
        assertTrue(text.out().lines().anyMatch(l -> l.matches("StopSignal\\s+" + cc.path("StopSignal").asText())), text.out());
        for (JsonNode env : cc.path("Env")) assertTrue(text.out().contains(env.asText()), text.out());
        assertTrue(text.out().contains("interval=30s timeout=5s start-period=10s retries=3"), text.out());
    }

    /** The config fields of every docker-archive in testdata, image by image, as skopeo printed them. */
    @Test
    void everyTestdataImageAsSkopeoSaw() {
        int checked = 0;
        for (Path archive : Facts.archivesUnder(Path.of("testdata"))) {
            Facts f = Facts.read(Facts.of(archive));
            for (Facts.Section s : f.sections(t -> t.matches("skopeo inspect --config docker-archive:\\S+:@\\d+"))) {
                JsonNode expected = s.json().orElse(null);
                if (expected == null) continue;
                String position = s.title().substring(s.title().lastIndexOf('@') + 1);
                CliRun run = CliRun.strata("config", archive.toString(), "--image", position, "--format", "json");
                assertEquals(0, run.code(), archive + " " + run.err());
                JsonNode c = run.json().path("config");
                JsonNode cc = expected.path("config");
                String what = archive + " @" + position;
                assertEquals(cc.path("Env"), c.path("env"), what);
                assertEquals(cc.path("User").asText(""), c.path("user").asText(""), what);
                assertEquals(keys(cc.path("ExposedPorts")), strings(c.path("exposedPorts")), what);
                assertEquals(cc.path("Labels").isMissingNode() ? c.path("labels") : cc.path("Labels"), c.path("labels"), what);
                assertEquals(expected.path("created").asText(), c.path("created").asText(), what);

                // --raw: the stored bytes, whose digest the manifest skopeo printed names
                JsonNode manifest = f.json(t -> t.equals("skopeo inspect --raw docker-archive:" + archive.getFileName()
                        + ":@" + position)).orElseThrow(() -> new AssertionError(what + ": no skopeo --raw"));
                byte[] raw = stdout("config", archive.toString(), "--image", position, "--raw");
                assertEquals(manifest.path("config").path("digest").asText(), "sha256:" + sha256(raw), what);
                assertEquals(manifest.path("config").path("size").asLong(), raw.length, what);
                checked++;
            }
        }
        assertTrue(checked >= 10, "images checked: " + checked);
    }

    /** The OCI manifest blob as stored: the document skopeo's `--raw` printed, hashing to the digest skopeo names. */
    @Test
    void manifestRawIsTheStoredBlob() throws Exception {
        int checked = 0;
        for (String archive : List.of("testdata/sample/sample.podman-oci-archive.tar",
                "testdata/sample/sample.skopeo-oci-archive.tar", "testdata/sample/sample.oci-layout-gzip.tar")) {
            Facts f = facts(archive);
            JsonNode expected = f.json(t -> t.startsWith("skopeo inspect --raw ")).orElseThrow();
            String digest = f.json(t -> t.matches("skopeo inspect (oci|oci-archive):.*")).orElseThrow()
                    .path("Digest").asText();
            byte[] raw = stdout("manifest", archive, "--raw");
            assertEquals(expected, new com.fasterxml.jackson.databind.ObjectMapper().readTree(raw), archive);
            assertEquals(digest, "sha256:" + sha256(raw), archive);
            CliRun json = CliRun.strata("manifest", archive, "--format", "json");
            assertEquals(0, json.code(), json.err());
            assertEquals(expected, json.json().path("manifest"));
            assertEquals(digest, json.json().path("manifestDigest").asText());
            CliRun text = CliRun.strata("manifest", archive);
            assertEquals(0, text.code(), text.err());
            for (JsonNode l : json.json().path("manifest").path("layers")) {
                assertTrue(text.out().contains(l.path("digest").asText()), text.out());
            }
            checked++;
        }
        assertEquals(3, checked);
    }

    /** A docker-archive without a manifest blob: its manifest.json, and index.json where the archive has one. */
    @Test
    void manifestJsonAndIndex() throws Exception {
        byte[] raw = stdout("manifest", CliRun.SAMPLE, "--raw");
        JsonNode listing = new com.fasterxml.jackson.databind.ObjectMapper().readTree(raw);
        assertEquals(facts(CliRun.SAMPLE).json(t -> t.startsWith("skopeo inspect --raw")).orElseThrow()
                .path("config").path("digest").asText(), "sha256:" + listing.get(0).path("Config").asText().replace(".json", ""));
        String d25 = "testdata/docker25/sample.docker25-save.tar";
        JsonNode index = facts(d25).json(t -> t.startsWith("index.json")).orElseThrow();
        assertEquals(index, new com.fasterxml.jackson.databind.ObjectMapper().readTree(stdout("manifest", d25, "--raw", "--index")));
        CliRun text = CliRun.strata("manifest", d25);
        assertEquals(0, text.code(), text.err());
        for (JsonNode m : index.path("manifests")) assertTrue(text.out().contains(m.path("digest").asText()), text.out());
        CliRun bad = CliRun.strata("manifest", d25, "--index");
        assertEquals(2, bad.code());
    }

    /** inspect JSON carries the config fields too. */
    @Test
    void inspectJsonHasTheConfig() {
        JsonNode expected = facts(CONFIG).json(t -> t.startsWith("config blob as stored")).orElseThrow();
        CliRun run = CliRun.strata("inspect", CONFIG, "--format", "json");
        assertEquals(0, run.code(), run.err());
        JsonNode c = run.json().path("images").get(0).path("config");
        assertEquals(expected.path("config").path("Entrypoint"), c.path("entrypoint"));
        assertEquals(expected.path("config").path("User").asText(), c.path("user").asText());
    }

    static byte[] stdout(String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true));
        CliRun run;
        try {
            run = CliRun.strata(args);
        } finally {
            System.setOut(saved);
        }
        assertEquals(0, run.code(), String.join(" ", args) + ": " + run.err());
        return captured.toByteArray();
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> keys(JsonNode o) {
        List<String> out = new ArrayList<>();
        o.fieldNames().forEachRemaining(out::add);
        out.sort(null);
        return out;
    }

    private static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(n -> out.add(n.asText()));
        return out;
    }
}
