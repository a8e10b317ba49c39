package io.strata.packages;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.model.Finding;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * npm packages: every package root {@code node_modules/NAME/package.json} and
 * {@code node_modules/@SCOPE/NAME/package.json}, nested ones included. A package owns its folder (an owned prefix;
 * a nested package's longer prefix wins inside it). {@code dev} comes from the application's lockfile
 * ({@code package-lock.json}, {@code npm-shrinkwrap.json} or the hidden {@code node_modules/.package-lock.json},
 * lockfileVersion 1, 2 or 3); without one, from the application's {@code devDependencies} for its direct ones.
 */
public final class NpmReader implements DatabaseReader {

    private static final String NM = "/node_modules/";
    private static final List<String> LOCKFILES =
            List.of("/package-lock.json", "/npm-shrinkwrap.json", "/node_modules/.package-lock.json");

    /**
     * Real manifests nest a few levels; lockfile v1 nests one level per dependency depth. Made on first use: every
     * scan holds this reader, and building a data-binding mapper costs 0.1-0.2 s of CPU in a run with no npm file.
     */
    private static final class Mapper {
        static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build()).build());
    }

    @Override
    public Ecosystem ecosystem() {
        return Ecosystem.NPM;
    }

    @Override
    public boolean captures(String absolutePath) {
        if (absolutePath.endsWith("/package.json")) return !absolutePath.contains(NM) || isPackageRoot(absolutePath);
        return absolutePath.endsWith("/package-lock.json") && !absolutePath.contains(NM)
                || absolutePath.endsWith("/npm-shrinkwrap.json") && !absolutePath.contains(NM)
                || absolutePath.endsWith("/node_modules/.package-lock.json") && absolutePath.indexOf(NM) == absolutePath.lastIndexOf(NM);
    }

    /** {@code .../node_modules/NAME/package.json} or {@code .../node_modules/@SCOPE/NAME/package.json}. */
    static boolean isPackageRoot(String path) {
        String dir = path.substring(0, path.length() - "/package.json".length());
        int slash = dir.lastIndexOf('/');
        if (slash < 0) return false;
        String parent = dir.substring(0, slash);
        if (parent.endsWith("/node_modules")) return !dir.substring(slash + 1).startsWith("@");
        int scopeSlash = parent.lastIndexOf('/');
        return scopeSlash >= 0 && parent.substring(scopeSlash + 1).startsWith("@")
                && parent.substring(0, scopeSlash).endsWith("/node_modules");
    }

    @Override
    public List<DeclaredPackage> read(PackageFiles files, List<Finding> findings) {
        Map<String, DevFlags> apps = new HashMap<>();
        List<DeclaredPackage> out = new ArrayList<>();
        for (String path : files.paths()) {
            if (!path.endsWith("/package.json") || !path.contains(NM) || !isPackageRoot(path)) continue;
            Optional<JsonNode> manifest = parse(files, path, findings);
            if (manifest.isEmpty()) continue;
            JsonNode json = manifest.get();
            String name = text(json, "name");
            String version = text(json, "version");
            if (name == null || version == null) {
                findings.add(Finding.warning(PythonReader.INVALID, path + ": package.json without a name and a version")
                        .atPath(path));
                continue;
            }
            String dir = path.substring(0, path.length() - "package.json".length());
            int first = path.indexOf(NM);
            String appRoot = path.substring(0, first);
            String key = dir.substring(first + 1, dir.length() - 1);
            DevFlags dev = apps.computeIfAbsent(appRoot, root -> DevFlags.of(files, root, findings));
            out.add(new DeclaredPackage(Ecosystem.NPM, name, version, Optional.empty(), Optional.empty(),
                    licenses(json), path, List.of(), fieldNames(json.get("dependencies")), List.of(),
                    Optional.empty(), dev.isDev(key, name), List.of(dir)));
        }
        return out;
    }

    static Optional<JsonNode> parse(PackageFiles files, String path, List<Finding> findings) {
        Optional<byte[]> bytes = files.read(path);
        if (bytes.isEmpty()) return Optional.empty();
        try {
            JsonNode node = Mapper.JSON.readTree(bytes.get());
            if (node == null || !node.isObject()) {
                findings.add(Finding.warning(PythonReader.INVALID, path + ": not a JSON object").atPath(path));
                return Optional.empty();
            }
            return Optional.of(node);
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            findings.add(Finding.warning(PythonReader.INVALID, path + ": unreadable JSON: " + why).atPath(path));
            return Optional.empty();
        }
    }

    /** "license": "MIT" | {"type": "MIT"}; the older "licenses": [{"type": ..}] or ["MIT"]. */
    static List<String> licenses(JsonNode json) {
        List<String> out = new ArrayList<>();
        addLicense(json.get("license"), out);
        JsonNode list = json.get("licenses");
        if (list != null && list.isArray()) list.forEach(l -> addLicense(l, out));
        return out;
    }

    private static void addLicense(JsonNode node, List<String> out) {
        if (node == null) return;
        String value = node.isTextual() ? node.asText() : node.isObject() ? text(node, "type") : null;
        if (value != null && !value.isBlank() && !out.contains(value.strip())) out.add(value.strip());
    }

    private static String text(JsonNode json, String field) {
        JsonNode v = json.get(field);
        return v != null && v.isTextual() && !v.asText().isBlank() ? v.asText().strip() : null;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        if (node != null && node.isObject()) node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Which packages of one application are dev-only: lockfile keys flagged "dev", else direct devDependencies. */
    private record DevFlags(Map<String, Boolean> lockDev, boolean fromLockfile, List<String> directDev) {

        boolean isDev(String key, String name) {
            if (fromLockfile) return lockDev.getOrDefault(key, false);
            return key.equals("node_modules/" + name) && directDev.contains(name);
        }

        static DevFlags of(PackageFiles files, String appRoot, List<Finding> findings) {
            for (String lockName : LOCKFILES) {
                String lockPath = appRoot + lockName;
                if (files.read(lockPath).isEmpty()) continue;
                Optional<JsonNode> lock = parse(files, lockPath, findings);
                if (lock.isEmpty()) continue;
                Map<String, Boolean> dev = new HashMap<>();
                JsonNode packages = lock.get().get("packages");
                if (packages != null && packages.isObject()) {          // lockfileVersion 2 and 3
                    for (Iterator<Map.Entry<String, JsonNode>> it = packages.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> e = it.next();
                        dev.put(e.getKey(), e.getValue().path("dev").asBoolean(false));
                    }
                } else {                                                   // lockfileVersion 1
                    v1(lock.get().get("dependencies"), "", dev);
                }
                return new DevFlags(dev, true, List.of());
            }
            List<String> direct = new ArrayList<>();
            Optional<JsonNode> app = files.read(appRoot + "/package.json").isPresent()
                    ? parse(files, appRoot + "/package.json", findings) : Optional.empty();
            app.ifPresent(json -> {
                List<String> runtime = fieldNames(json.get("dependencies"));
                for (String name : fieldNames(json.get("devDependencies"))) if (!runtime.contains(name)) direct.add(name);
            });
            return new DevFlags(Map.of(), false, direct);
        }

        private static void v1(JsonNode dependencies, String prefix, Map<String, Boolean> dev) {
            if (dependencies == null || !dependencies.isObject()) return;
            for (Iterator<Map.Entry<String, JsonNode>> it = dependencies.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = prefix + "node_modules/" + e.getKey();
                dev.put(key, e.getValue().path("dev").asBoolean(false));
                v1(e.getValue().get("dependencies"), key + "/", dev);
            }
        }
    }
}
