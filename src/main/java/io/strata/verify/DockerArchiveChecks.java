package io.strata.verify;

import io.strata.model.FindingCode;
import com.fasterxml.jackson.databind.JsonNode;
import io.strata.model.Finding;
import io.strata.model.ImagePath;
import io.strata.spec.DockerManifestEntryJson;
import io.strata.spec.Json;
import io.strata.spec.SpecException;
import io.strata.spec.SpecTranslator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A docker-archive's own index files: {@code manifest.json} must name files that are there, with tags that are
 * not claimed twice, and the optional legacy {@code repositories} file must agree with it (each repo:tag it lists
 * is an image of manifest.json, pointing at that image's top layer).
 */
final class DockerArchiveChecks {
    static final String MANIFEST = "manifest.json";
    static final String REPOSITORIES = "repositories";

    record Result(List<Finding> findings, Set<String> referenced) {
    }

    private final ArchiveFiles files;
    private final long maxJsonBytes;
    private final List<Finding> findings = new ArrayList<>();
    private final Set<String> referenced = new HashSet<>();

    private DockerArchiveChecks(ArchiveFiles files, long maxJsonBytes) {
        this.files = files;
        this.maxJsonBytes = maxJsonBytes;
    }

    static Result check(ArchiveFiles files, long maxJsonBytes) {
        DockerArchiveChecks c = new DockerArchiveChecks(files, maxJsonBytes);
        c.run();
        return new Result(List.copyOf(c.findings), Set.copyOf(c.referenced));
    }

    private void run() {
        Optional<byte[]> raw = json(MANIFEST);
        if (raw.isEmpty()) return;
        List<DockerManifestEntryJson> entries;
        try {
            entries = SpecTranslator.dockerManifest(raw.get());
        } catch (SpecException e) {
            findings.add(Finding.error(FindingCode.MALFORMED_JSON, MANIFEST + ": " + e.getMessage()).atPath(MANIFEST));
            return;
        }
        Map<String, Integer> tagOwner = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            DockerManifestEntryJson e = entries.get(i);
            if (e == null) continue;
            String where = MANIFEST + " entry " + i;
            requireFile(e.config(), where + " Config");
            List<String> layers = e.layers() == null ? List.of() : e.layers();
            for (int l = 0; l < layers.size(); l++) requireFile(layers.get(l), where + " layer " + l);
            for (String tag : e.repoTags() == null ? List.<String>of() : e.repoTags()) {
                if (tag == null) continue;
                Integer previous = tagOwner.putIfAbsent(withTag(tag), i);
                if (previous != null && previous != i) {
                    findings.add(Finding.warning(FindingCode.DUPLICATE_TAG, "tag " + tag + " is claimed by " + MANIFEST
                            + " entries " + previous + " and " + i).atPath(MANIFEST));
                }
            }
        }
        checkRepositories(entries, tagOwner);
    }

    private void requireFile(String raw, String what) {
        if (raw == null) {
            findings.add(Finding.error(FindingCode.MISSING_REFERENCE, what + " is missing").atPath(MANIFEST));
            return;
        }
        Optional<ImagePath> name = ImagePath.normalise(raw);
        if (name.isEmpty() || raw.startsWith("/")) {
            findings.add(Finding.error(FindingCode.PATH_ESCAPE, what + " '" + raw + "' points outside the archive")
                    .atPath(MANIFEST));
            return;
        }
        referenced.add(name.get().relative());
        if (!files.exists(name.get().relative())) {
            findings.add(Finding.error(FindingCode.MISSING_BLOB, what + " names " + raw + ", which is not in the archive")
                    .atPath(raw));
        }
    }

    private void checkRepositories(List<DockerManifestEntryJson> entries, Map<String, Integer> tagOwner) {
        Optional<byte[]> raw = json(REPOSITORIES);
        if (raw.isEmpty()) return;
        JsonNode root;
        try {
            root = Json.tree(raw.get());
        } catch (SpecException e) {
            findings.add(Finding.warning(FindingCode.MALFORMED_JSON, REPOSITORIES + ": " + e.getMessage()).atPath(REPOSITORIES));
            return;
        }
        if (root == null || !root.isObject()) {
            findings.add(Finding.warning(FindingCode.MALFORMED_JSON, REPOSITORIES + " is not a JSON object").atPath(REPOSITORIES));
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> repos = root.fields(); repos.hasNext(); ) {
            Map.Entry<String, JsonNode> repo = repos.next();
            if (!repo.getValue().isObject()) continue;
            for (Iterator<Map.Entry<String, JsonNode>> tags = repo.getValue().fields(); tags.hasNext(); ) {
                Map.Entry<String, JsonNode> tag = tags.next();
                String ref = repo.getKey() + ":" + tag.getKey();
                Integer entry = tagOwner.get(ref);
                if (entry == null) {
                    findings.add(Finding.warning(FindingCode.REPOSITORIES_UNKNOWN_TAG, REPOSITORIES + " lists " + ref
                            + ", which no " + MANIFEST + " entry tags").atPath(REPOSITORIES));
                    continue;
                }
                String id = tag.getValue().asText("");
                List<String> layers = entries.get(entry).layers();
                String top = layers == null || layers.isEmpty() ? "" : layers.get(layers.size() - 1);
                if (!pointsAtTop(id, top)) {
                    findings.add(Finding.warning(FindingCode.REPOSITORIES_ID_MISMATCH, REPOSITORIES + " says " + ref + " is "
                            + shorten(id) + ", which is not the top layer (" + top + ") of " + MANIFEST
                            + " entry " + entry).atPath(REPOSITORIES));
                }
            }
        }
    }

    /**
     * The id is the top layer's legacy v1 directory (docker before 25, podman) or its blob digest (Docker 25+),
     * so it names the top layer's file or the folder holding it.
     */
    private boolean pointsAtTop(String id, String top) {
        if (id.isEmpty() || id.contains("/") || id.contains("..")) return false;
        if (top.startsWith(id + "/") || top.endsWith("/" + id) || top.equals(id)
                || top.startsWith(id + ".") || top.contains("/" + id + ".")) {
            return true;
        }
        // podman keeps the layer flat as <diff_id>.tar and a legacy <id>/layer.tar link to it
        return files.exists(id + "/layer.tar");
    }

    /** "repo" means "repo:latest", as docker reads RepoTags without a tag. */
    static String withTag(String ref) {
        int slash = ref.lastIndexOf('/');
        return ref.indexOf(':', slash + 1) >= 0 || ref.contains("@") ? ref : ref + ":latest";
    }

    private Optional<byte[]> json(String name) {
        try {
            Optional<byte[]> raw = files.read(name, maxJsonBytes);
            if (raw.isPresent() && raw.get().length > maxJsonBytes) {
                findings.add(Finding.error(FindingCode.JSON_TOO_LARGE, name + " is over the limit of " + maxJsonBytes
                        + " bytes (see --max-json-bytes)").atPath(name));
                return Optional.empty();
            }
            return raw;
        } catch (IOException e) {
            findings.add(Finding.error(FindingCode.UNREADABLE_FILE, name + ": " + e.getMessage()).atPath(name));
            return Optional.empty();
        }
    }

    private static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
