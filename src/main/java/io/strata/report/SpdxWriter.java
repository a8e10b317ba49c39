package io.strata.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * SPDX 2.3 JSON, written with Jackson (SPDX's Java library, Spdx-Java-Library, brings RDF and storage layers
 * of many megabytes for what is one JSON document here; the tests validate the output against SPDX's published
 * JSON schema instead). The image is the described package ({@code primaryPackagePurpose: CONTAINER}), which
 * CONTAINS each package; SPDX 2.3 packages have no free properties, so the layer's diffId, the location and the
 * ecosystem are annotations whose comment reads {@code strata:layer:diffId=sha256:...}.
 */
public final class SpdxWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SpdxWriter() {
    }

    public static String json(SbomInput in) {
        String created = DateTimeFormatter.ISO_INSTANT.format(in.created().truncatedTo(ChronoUnit.SECONDS));
        String annotator = "Tool: strata-" + in.toolVersion();
        SbomInput.Image image = in.image();

        ObjectNode doc = JSON.createObjectNode();
        doc.put("spdxVersion", "SPDX-2.3");
        doc.put("dataLicense", "CC0-1.0");
        doc.put("SPDXID", "SPDXRef-DOCUMENT");
        doc.put("name", image.name() + ":" + image.version());
        doc.put("documentNamespace", "https://spdx.org/spdxdocs/strata/" + sanitise(image.name()) + "-" + UUID.randomUUID());
        ObjectNode creation = doc.putObject("creationInfo");
        creation.put("created", created);
        creation.putArray("creators").add(annotator);

        ArrayNode packages = doc.putArray("packages");
        ArrayNode relationships = JSON.createArrayNode();
        Map<String, String> extracted = new LinkedHashMap<>(); // LicenseRef id -> the declared text

        ObjectNode root = packages.addObject();
        root.put("SPDXID", "SPDXRef-Image");
        root.put("name", image.name());
        root.put("versionInfo", image.version());
        root.put("downloadLocation", "NOASSERTION");
        root.put("filesAnalyzed", false);
        root.put("primaryPackagePurpose", "CONTAINER");
        image.manifestDigest().filter(d -> d.algorithm().equals("sha256")).ifPresent(d ->
                root.putArray("checksums").addObject().put("algorithm", "SHA256").put("checksumValue", d.hex()));
        root.put("licenseConcluded", "NOASSERTION");
        root.put("licenseDeclared", "NOASSERTION");
        root.put("copyrightText", "NOASSERTION");
        annotate(root, SbomInput.properties(image), annotator, created);
        relationships.addObject().put("spdxElementId", "SPDXRef-DOCUMENT").put("relationshipType", "DESCRIBES")
                .put("relatedSpdxElement", "SPDXRef-Image");

        int n = 0;
        for (SbomInput.Package p : in.packages()) {
            String id = "SPDXRef-Package-" + p.declared().ecosystem().wire() + "-" + (++n) + "-" + sanitise(p.declared().name());
            ObjectNode pkg = packages.addObject();
            pkg.put("SPDXID", id);
            pkg.put("name", p.declared().name());
            pkg.put("versionInfo", p.declared().version());
            pkg.put("downloadLocation", "NOASSERTION");
            pkg.put("filesAnalyzed", false);
            pkg.put("primaryPackagePurpose", "LIBRARY");
            pkg.put("licenseConcluded", "NOASSERTION");
            pkg.put("licenseDeclared", licenseDeclared(p.declared().licenses(), extracted));
            pkg.put("copyrightText", "NOASSERTION");
            pkg.put("sourceInfo", "read from " + p.declared().location()
                    + p.layerIndex().map(i -> ", installed by layer " + i).orElse(""));
            p.purl().ifPresent(purl -> pkg.putArray("externalRefs").addObject()
                    .put("referenceCategory", "PACKAGE-MANAGER").put("referenceType", "purl").put("referenceLocator", purl));
            List<Map.Entry<String, String>> props = new ArrayList<>(SbomInput.properties(p).entrySet());
            annotate(pkg, props, annotator, created);
            relationships.addObject().put("spdxElementId", "SPDXRef-Image").put("relationshipType", "CONTAINS")
                    .put("relatedSpdxElement", id);
        }
        if (!extracted.isEmpty()) {
            ArrayNode infos = doc.putArray("hasExtractedLicensingInfos");
            extracted.forEach((ref, text) -> infos.addObject().put("licenseId", ref).put("extractedText", text).put("name", text));
        }
        doc.set("relationships", relationships);
        try {
            return JSON.writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("SPDX serialisation failed: " + e.getMessage(), e);
        }
    }

    /** Ids and valid expressions as they are; any other text a LicenseRef defined in hasExtractedLicensingInfos. */
    private static String licenseDeclared(List<String> licenses, Map<String, String> extracted) {
        if (licenses.isEmpty()) return "NOASSERTION";
        List<String> terms = new ArrayList<>();
        for (String text : licenses) {
            Optional<String> valid = SbomLicenses.spdxId(text).or(() -> SbomLicenses.expression(text));
            if (valid.isPresent()) {
                terms.add(licenses.size() > 1 && valid.get().contains(" ") ? "(" + valid.get() + ")" : valid.get());
            } else {
                String base = "LicenseRef-" + sanitise(text);
                String ref = base;
                // two texts that sanitise alike ("GPL-2" and "GPL 2") keep one ref each
                for (int n = 2; extracted.containsKey(ref) && !extracted.get(ref).equals(text.strip()); n++) ref = base + "-" + n;
                extracted.putIfAbsent(ref, text.strip());
                terms.add(ref);
            }
        }
        return String.join(" AND ", terms);
    }

    private static void annotate(ObjectNode node, List<Map.Entry<String, String>> properties, String annotator, String date) {
        ArrayNode annotations = node.putArray("annotations");
        for (Map.Entry<String, String> e : properties) {
            annotations.addObject().put("annotationDate", date).put("annotationType", "OTHER").put("annotator", annotator)
                    .put("comment", e.getKey() + "=" + e.getValue());
        }
    }

    /** SPDX ids allow letters, digits, '.' and '-' only; DEP-5's "or later" mark ("GPL-2+") is spelt out. */
    static String sanitise(String text) {
        String s = text.replace("+", "-plus").replaceAll("[^A-Za-z0-9.-]+", "-").replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "x" : s.toLowerCase(Locale.ROOT).length() > 80 ? s.substring(0, 80) : s;
    }
}
