package io.strata.advise;

import io.strata.layer.EntryKind;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Files that look copied from the build context by mistake: a .git directory, node_modules copied next to its
 * lockfile, log files, editor and OS droppings, and secrets (.env files, private keys, credential files). Names
 * only: the contents are not read. The fix is .dockerignore whatever a later step does with them (deleting them
 * leaves their bytes in the COPY layer), so every stored copy is claimed here, except for node_modules: an
 * install in the image would store the same packages, so only copies a later step deletes or replaces count
 * (those a chmod/chown stores again are left to the copy-up advice). Secrets are also security findings.
 */
final class ContextFilesRule implements Rule {
    private static final int MAX_EVIDENCE = 8;
    private static final int MAX_SECRET_EVIDENCE = 50;
    private static final Set<String> LOCKFILES = Set.of("package-lock.json", "npm-shrinkwrap.json", "yarn.lock",
            "pnpm-lock.yaml");
    private static final Set<String> EDITOR_OS_NAMES = Set.of(".ds_store", "thumbs.db", "ehthumbs.db", "desktop.ini");
    private static final Set<String> KEY_NAMES = Set.of("id_rsa", "id_dsa", "id_ecdsa", "id_ed25519");
    private static final Set<String> KEY_EXTENSIONS = Set.of("key", "p12", "pfx", "ppk", "jks", "keystore");
    private static final Set<String> SUSPECT_EXTENSIONS = Set.of("key", "p12", "pfx", "ppk", "jks", "keystore", "pem",
            "swp", "swo", "db", "ini");
    private static final Set<String> LOCKFILE_EXTENSIONS = Set.of("json", "lock", "yaml");
    private static final Set<String> CREDENTIAL_NAMES = Set.of(".npmrc", ".pypirc", ".netrc", ".git-credentials",
            ".pgpass");
    private static final Set<String> CREDENTIAL_PATHS = Set.of(".aws/credentials", ".docker/config.json",
            ".kube/config");
    private static final java.util.regex.Pattern LOG_NAME = java.util.regex.Pattern.compile(
            ".+\\.log(\\.\\d+)?(\\.gz)?");
    private static final Set<String> ENV_TEMPLATES = Set.of("example", "sample", "template", "dist", "defaults");

    private enum Category { SECRETS, GIT, NODE_MODULES, LOGS, EDITOR_OS }

    @Override
    public RuleId id() {
        return RuleId.CONTEXT_FILES;
    }

    @Override
    public List<Advice> apply(ImageFacts facts, Claims claims) {
        // "layer:folder" of each lockfile: node_modules counts as copied from the context when the same COPY
        // brought its lockfile (a COPY --from a build stage of node_modules alone is the right way)
        Set<String> lockfileDirs = new HashSet<>();
        for (StoredVersion v : facts.versions()) {
            if (PathMatch.hasExtension(v.path(), LOCKFILE_EXTENSIONS) && LOCKFILES.contains(v.name())) {
                lockfileDirs.add(v.layer() + ":" + PathMatch.parent(v.path()));
            }
        }
        boolean[] copyLayer = new boolean[facts.layers().size()];
        for (int l = 0; l < copyLayer.length; l++) copyLayer[l] = BuildStep.parse(facts.createdBy(l)).isCopy();
        Map<Category, List<StoredVersion>> found = new LinkedHashMap<>();
        List<StoredVersion> modulesKept = new ArrayList<>();
        for (StoredVersion v : facts.versions()) {
            if (v.kind() == EntryKind.HARDLINK || claims.isClaimed(v)) continue;
            Category c = categorise(v, lockfileDirs, copyLayer);
            if (c == null) continue;
            if (c == Category.NODE_MODULES && (v.visible() || v.bytes() == 0 || facts.copyUps().isCopiedUp(v))) {
                modulesKept.add(v);
            } else if (claims.claim(v)) {
                found.computeIfAbsent(c, k -> new ArrayList<>()).add(v);
            }
        }
        if (!modulesKept.isEmpty()) found.computeIfAbsent(Category.NODE_MODULES, k -> new ArrayList<>());
        List<Advice> out = new ArrayList<>();
        found.forEach((c, versions) -> out.add(c == Category.NODE_MODULES ? nodeModules(versions, modulesKept, facts)
                : advice(c, versions, facts)));
        return out;
    }

    private static Category categorise(StoredVersion v, Set<String> lockfileDirs, boolean[] copyLayer) {
        String p = v.path();
        if (copyLayer[v.layer()] && PathMatch.hasDirSegment(p, "node_modules")) {
            String modules = PathMatch.upToSegment(p, "node_modules");
            if (lockfileDirs.contains(v.layer() + ":" + PathMatch.parent(modules))) return Category.NODE_MODULES;
        }
        if (!p.startsWith(".") && !p.contains("/.") && !p.contains("id_") && !p.contains("log")
                && !PathMatch.hasExtension(p, SUSPECT_EXTENSIONS)) {
            return null; // the other categories all name a dot-file, a dot-directory, a key, a log or these extensions
        }
        String name = v.name();
        String lower = name.toLowerCase(Locale.ROOT);
        if (!PathMatch.inPackageTree(p)) {
            if (v.bytes() > 0 && isSecret(p, name, lower)) return Category.SECRETS;
            if (PathMatch.hasDirSegment(p, ".git")) return Category.GIT;
            if (copyLayer[v.layer()] && isLog(p, lower)) return Category.LOGS;
            if (EDITOR_OS_NAMES.contains(lower) || lower.endsWith(".swp") || lower.endsWith(".swo")
                    || (name.startsWith("._") && v.bytes() > 0) || PathMatch.hasDirSegment(p, ".idea")
                    || PathMatch.hasDirSegment(p, ".vscode")) {
                return Category.EDITOR_OS;
            }
        }
        return null;
    }

    /** A log file: *.log, a rotated *.log.1 or *.log.gz, or any file in a folder named logs or log. */
    private static boolean isLog(String path, String lowerName) {
        if (LOG_NAME.matcher(lowerName).matches()) return true;
        return PathMatch.hasDirSegment(path, "logs") || PathMatch.hasDirSegment(path, "log");
    }

    private static boolean isSecret(String path, String name, String lower) {
        if (lower.equals(".env")) return true;
        if (lower.startsWith(".env.")) return !ENV_TEMPLATES.contains(lower.substring(5));
        if (KEY_NAMES.contains(name)) return true;
        String ext = PathMatch.extension(path);
        if (KEY_EXTENSIONS.contains(ext)) return !lower.contains("snakeoil");
        if (ext.equals("pem") && (lower.contains("key") || lower.contains("private"))) return true;
        if (CREDENTIAL_NAMES.contains(lower)) return true;
        for (String c : CREDENTIAL_PATHS) {
            if (path.equals(c) || path.endsWith("/" + c)) return true;
        }
        return false;
    }

    private static Advice advice(Category c, List<StoredVersion> versions, ImageFacts facts) {
        long bytes = versions.stream().mapToLong(StoredVersion::bytes).sum();
        TreeSet<Integer> layers = new TreeSet<>();
        versions.forEach(v -> layers.add(v.layer()));
        List<Advice.Step> steps = layers.stream().map(facts::step).toList();
        boolean deletedLater = versions.stream().anyMatch(v -> !v.visible());
        List<String> paths = versions.stream().map(StoredVersion::absolute).distinct().toList();
        String where = String.join(", ", paths.subList(0, Math.min(3, paths.size()))) + (paths.size() > 3 ? ", ..." : "");
        return switch (c) {
            case SECRETS -> new Advice(RuleId.CONTEXT_FILES, "Possible secrets stored in the image: " + where, bytes,
                    Advice.Saving.IMAGE, 0, true,
                    EvidenceSummary.of(versions, MAX_SECRET_EVIDENCE, ContextFilesRule::secretNote), steps,
                    "Do not copy secrets into an image: list them in .dockerignore, pass build-time secrets with "
                            + "`RUN --mount=type=secret`, give run-time secrets through the environment or a "
                            + "mounted volume. Anyone who has the image can read these files"
                            + (deletedLater ? ", also those a later layer deletes (their layer still holds them)" : "")
                            + ": rotate them.");
            case GIT -> new Advice(RuleId.CONTEXT_FILES, ".git directory copied into the image: " + gitDirs(versions),
                    bytes, Advice.Saving.IMAGE, 0, false, EvidenceSummary.of(versions, MAX_EVIDENCE, ContextFilesRule::note),
                    steps, "Add `.git` to .dockerignore, or COPY only the folders the image needs. A repository's "
                            + "history can also hold secrets that were removed from the working tree.");
            case NODE_MODULES -> throw new IllegalStateException("node_modules has its own advice");
            case LOGS -> new Advice(RuleId.CONTEXT_FILES, "Log files copied from the build context: " + where, bytes,
                    Advice.Saving.IMAGE, 0, false, EvidenceSummary.of(versions, MAX_EVIDENCE, ContextFilesRule::note),
                    steps, "Add " + patterns(versions) + " to .dockerignore: log files of the build machine are never "
                            + "needed in the image"
                            + (deletedLater ? ", and deleting them in a later step leaves their bytes in the layer "
                            + "that copied them." : "."));
            case EDITOR_OS -> new Advice(RuleId.CONTEXT_FILES, "Editor and OS files copied into the image: " + where,
                    bytes, Advice.Saving.IMAGE, 0, false,
                    EvidenceSummary.of(versions, MAX_EVIDENCE, ContextFilesRule::note), steps,
                    "Add these patterns to .dockerignore: `**/.DS_Store`, `**/Thumbs.db`, `**/*.swp`, `**/._*`, "
                            + "`.idea`, `.vscode`.");
        };
    }

    /**
     * node_modules copied from the context. Ignoring it saves only the copies a later step deletes or replaces:
     * the ones still in the image (or stored again by a chmod/chown, which the copy-up advice counts) would be
     * installed in the build instead, by `npm ci`.
     */
    private static Advice nodeModules(List<StoredVersion> replaced, List<StoredVersion> kept, ImageFacts facts) {
        long bytes = replaced.stream().mapToLong(StoredVersion::bytes).sum();
        long keptBytes = kept.stream().mapToLong(StoredVersion::bytes).sum();
        List<StoredVersion> all = new ArrayList<>(replaced);
        all.addAll(kept);
        TreeSet<Integer> layers = new TreeSet<>();
        all.forEach(v -> layers.add(v.layer()));
        List<Advice.Evidence> evidence = new ArrayList<>(EvidenceSummary.of(replaced, MAX_EVIDENCE,
                ContextFilesRule::note));
        if (!kept.isEmpty()) {
            String dir = "/" + PathMatch.upToSegment(kept.get(0).path(), "node_modules") + "/";
            evidence.add(new Advice.Evidence(dir, -1, kept.size(), keptBytes, "still in the image or stored again by a "
                    + "later step: not counted here (an install in the build stores the same packages)"));
        }
        String modules = String.join(", ", all.stream().map(v -> "/" + PathMatch.upToSegment(v.path(), "node_modules"))
                .distinct().limit(3).toList());
        return new Advice(RuleId.CONTEXT_FILES, "node_modules copied from the build context next to its lockfile: "
                + modules, bytes, bytes > 0 ? Advice.Saving.IMAGE : Advice.Saving.NONE, 0, false, evidence,
                layers.stream().map(facts::step).toList(),
                "Add `node_modules` to .dockerignore and install from the lockfile inside the build (`npm ci`): the "
                        + "host's copy busts the layer cache on every change, may hold native modules built for "
                        + "another platform, and brings the host's dev dependencies along.");
    }

    /** .dockerignore patterns for log files: their folders when they hold only logs, else `*.log`. */
    private static String patterns(List<StoredVersion> logs) {
        TreeSet<String> out = new TreeSet<>();
        for (StoredVersion v : logs) {
            String p = v.path();
            if (PathMatch.hasDirSegment(p, "logs")) out.add("`" + PathMatch.name(PathMatch.upToSegment(p, "logs")) + "/`");
            else if (PathMatch.hasDirSegment(p, "log")) out.add("`" + PathMatch.name(PathMatch.upToSegment(p, "log")) + "/`");
            else out.add("`*.log`");
        }
        List<String> list = new ArrayList<>(out);
        return list.size() == 1 ? list.get(0) : String.join(", ", list.subList(0, list.size() - 1)) + " and "
                + list.get(list.size() - 1);
    }

    private static String gitDirs(List<StoredVersion> versions) {
        TreeSet<String> dirs = new TreeSet<>();
        versions.forEach(v -> dirs.add("/" + PathMatch.upToSegment(v.path(), ".git")));
        return String.join(", ", dirs.stream().limit(3).toList()) + (dirs.size() > 3 ? ", ..." : "");
    }

    static String note(StoredVersion v) {
        return v.visible() ? "in the final image"
                : "hidden by layer " + v.hiddenBy() + ", still stored in layer " + v.layer();
    }

    private static String secretNote(StoredVersion v) {
        return (v.visible() ? "readable in the final image"
                : "deleted by layer " + v.hiddenBy() + " but still readable in layer " + v.layer());
    }
}
