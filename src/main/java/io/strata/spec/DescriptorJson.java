package io.strata.spec;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import static io.strata.spec.JsonFields.longValue;
import static io.strata.spec.JsonFields.nested;
import static io.strata.spec.JsonFields.stringList;
import static io.strata.spec.JsonFields.stringMap;
import static io.strata.spec.JsonFields.text;

/** Wire form of an OCI descriptor; every field optional so the translator can say what is missing. */
public record DescriptorJson(String mediaType, String digest, Long size, PlatformJson platform,
                             Map<String, String> annotations, List<String> urls) {

    static DescriptorJson of(JsonNode o) throws SpecException {
        return new DescriptorJson(text(o, "mediaType"), text(o, "digest"), longValue(o, "size"),
                nested(o, "platform", PlatformJson::of), stringMap(o, "annotations"), stringList(o, "urls"));
    }
}
