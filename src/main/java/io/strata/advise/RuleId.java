package io.strata.advise;

import java.util.Locale;

/**
 * The id of each advice rule (what users and JSON see), in the order the rules claim stored bytes (earlier rules win
 * a byte two rules could report).
 */
public enum RuleId {
    /** files a package manager or useradd rewrote (its own state): stored bytes, but not a build mistake */
    SHIPPED,
    /** .git, editor/OS files, .env and keys copied from the build context */
    CONTEXT_FILES,
    /** a later layer stores a file again only to change its mode or owner */
    COPY_UP,
    /** packages apt installed only because another package recommends them, and what only they require */
    RECOMMENDED,
    /** npm devDependencies (and Python dev extras) in the final image */
    DEV_DEPENDENCIES,
    /** npm and pip shipped in the final image (installs need them, the running program does not) */
    PACKAGE_MANAGERS,
    /** a package index update (apt-get update, apk update) in a RUN step of its own */
    UPDATE_STEP,
    /** apt lists/archives, apk/dnf caches, pip/npm/yarn/maven/gradle/go caches, __pycache__ */
    PACKAGE_CACHE,
    /** files created in one layer and deleted or overwritten in a later one */
    DELETED_LATER,
    /** compilers, headers, static libraries, -dev packages, source trees in the final image */
    BUILD_TOOLS,
    /** visible files with the same content at several paths */
    DUPLICATES,
    /** the whole build context copied before a dependency install */
    CACHE_ORDER,
    /** many consecutive RUN steps that each add almost nothing */
    TINY_LAYERS;

    /** The id shown to users and in JSON: "copy-up", "deleted-later", ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
