package io.strata.spec;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import static io.strata.spec.JsonFields.intValue;
import static io.strata.spec.JsonFields.list;
import static io.strata.spec.JsonFields.nested;
import static io.strata.spec.JsonFields.stringMap;
import static io.strata.spec.JsonFields.text;

/** Wire form of an OCI image manifest, a Docker v2s2 manifest, or an index (they share a shape on the wire). */
public record ManifestJson(Integer schemaVersion, String mediaType, DescriptorJson config, List<DescriptorJson> layers,
                           List<DescriptorJson> manifests, Map<String, String> annotations) {

    static ManifestJson of(JsonNode o) throws SpecException {
        return new ManifestJson(intValue(o, "schemaVersion"), text(o, "mediaType"),
                nested(o, "config", DescriptorJson::of), list(o, "layers", DescriptorJson::of),
                list(o, "manifests", DescriptorJson::of), stringMap(o, "annotations"));
    }
}
