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
 * lockfile, editor and OS droppings, and secrets (.env files, private keys, credential files). Names only: the
 * contents are not read. Secrets are also security findings, deleted in a later layer or not.
 */
final class ContextFilesRule implements AdviceRule {
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
    private static final Set<String> ENV_TEMPLATES = Set.of("example", "sample", "template", "dist", "defaults");

    private enum Category { SECRETS, GIT, NODE_MODULES, EDITOR_OS }

    @Override
    public List<Advice> apply(ImageFacts facts, Claims claims) {
        Set<String> lockfileDirs = new HashSet<>();
        for (StoredVersion v : facts.versions()) {
            if (PathMatch.hasExtension(v.path(), LOCKFILE_EXTENSIONS) && LOCKFILES.contains(v.name())) {
                lockfileDirs.add(PathMatch.parent(v.path()));
            }
        }
        boolean[] copyLayer = new boolean[facts.layers().size()];
        for (int l = 0; l < copyLayer.length; l++) copyLayer[l] = BuildStep.parse(facts.createdBy(l)).isCopy();
        Map<Category, List<StoredVersion>> found = new LinkedHashMap<>();
        for (StoredVersion v : facts.versions()) {
            if (v.kind() == EntryKind.HARDLINK || claims.isClaimed(v)) continue;
            Category c = categorise(v, lockfileDirs, copyLayer);
            if (c != null && claims.claim(v)) found.computeIfAbsent(c, k -> new ArrayList<>()).add(v);
        }
        List<Advice> out = new ArrayList<>();
        found.forEach((c, versions) -> out.add(advice(c, versions, facts)));
        return out;
    }

    private static Category categorise(StoredVersion v, Set<String> lockfileDirs, boolean[] copyLayer) {
        String p = v.path();
        if (copyLayer[v.layer()] && PathMatch.hasDirSegment(p, "node_modules")) {
            String modules = PathMatch.upToSegment(p, "node_modules");
            if (lockfileDirs.contains(PathMatch.parent(modules))) return Category.NODE_MODULES;
        }
        if (!p.startsWith(".") && !p.contains("/.") && !p.contains("id_")
                && !PathMatch.hasExtension(p, SUSPECT_EXTENSIONS)) {
            return null; // the other categories all name a dot-file, a dot-directory, a key or one of these extensions
        }
        String name = v.name();
        String lower = name.toLowerCase(Locale.ROOT);
        if (!PathMatch.inPackageTree(p)) {
            if (v.bytes() > 0 && isSecret(p, name, lower)) return Category.SECRETS;
            if (PathMatch.hasDirSegment(p, ".git")) return Category.GIT;
            if (EDITOR_OS_NAMES.contains(lower) || lower.endsWith(".swp") || lower.endsWith(".swo")
                    || (name.startsWith("._") && v.bytes() > 0) || PathMatch.hasDirSegment(p, ".idea")
                    || PathMatch.hasDirSegment(p, ".vscode")) {
                return Category.EDITOR_OS;
            }
        }
        return null;
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
        String where = String.join(", ", versions.stream().map(StoredVersion::absolute).limit(3).toList())
                + (versions.size() > 3 ? ", ..." : "");
        return switch (c) {
            case SECRETS -> new Advice(Rule.CONTEXT_FILES, "Possible secrets stored in the image: " + where, bytes,
                    Advice.Saving.IMAGE, 0, true,
                    EvidenceSummary.of(versions, MAX_SECRET_EVIDENCE, ContextFilesRule::secretNote), steps,
                    "Do not copy secrets into an image: list them in .dockerignore, pass build-time secrets with "
                            + "`RUN --mount=type=secret`, give run-time secrets through the environment or a "
                            + "mounted volume. Anyone who has the image can read these files"
                            + (deletedLater ? ", also those a later layer deletes (their layer still holds them)" : "")
                            + ": rotate them.");
            case GIT -> new Advice(Rule.CONTEXT_FILES, ".git directory copied into the image: " + gitDirs(versions),
                    bytes, Advice.Saving.IMAGE, 0, false, EvidenceSummary.of(versions, MAX_EVIDENCE, ContextFilesRule::note),
                    steps, "Add `.git` to .dockerignore, or COPY only the folders the image needs. A repository's "
                            + "history can also hold secrets that were removed from the working tree.");
            case NODE_MODULES -> new Advice(Rule.CONTEXT_FILES,
                    "node_modules copied from the build context next to its lockfile", bytes, Advice.Saving.IMAGE, 0,
                    false, EvidenceSummary.of(versions, MAX_EVIDENCE, ContextFilesRule::note), steps,
                    "Add `node_modules` to .dockerignore and install from the lockfile inside the build "
                            + "(`npm ci`): the host's copy is rebuilt anyway, busts the layer cache and may hold "
                            + "native modules built for another platform.");
            case EDITOR_OS -> new Advice(Rule.CONTEXT_FILES, "Editor and OS files copied into the image: " + where,
                    bytes, Advice.Saving.IMAGE, 0, false,
                    EvidenceSummary.of(versions, MAX_EVIDENCE, ContextFilesRule::note), steps,
                    "Add these patterns to .dockerignore: `**/.DS_Store`, `**/Thumbs.db`, `**/*.swp`, `**/._*`, "
                            + "`.idea`, `.vscode`.");
        };
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
