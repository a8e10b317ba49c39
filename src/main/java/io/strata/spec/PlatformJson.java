package io.strata.spec;

import com.fasterxml.jackson.databind.JsonNode;

import static io.strata.spec.JsonFields.text;

public record PlatformJson(String os, String architecture, String variant, String osVersion) {

    static PlatformJson of(JsonNode o) throws SpecException {
        return new PlatformJson(text(o, "os"), text(o, "architecture"), text(o, "variant"), text(o, "os.version"));
    }
}
