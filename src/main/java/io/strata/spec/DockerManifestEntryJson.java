package io.strata.spec;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import static io.strata.spec.JsonFields.map;
import static io.strata.spec.JsonFields.stringList;
import static io.strata.spec.JsonFields.text;

/** One entry of a docker-archive {@code manifest.json}. */
public record DockerManifestEntryJson(String config, List<String> repoTags, List<String> layers,
                                      Map<String, DescriptorJson> layerSources, String parent) {

    static DockerManifestEntryJson of(JsonNode o) throws SpecException {
        return new DockerManifestEntryJson(text(o, "Config"), stringList(o, "RepoTags"), stringList(o, "Layers"),
                map(o, "LayerSources", DescriptorJson::of), text(o, "Parent"));
    }
}
