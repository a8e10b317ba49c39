package io.strata.advise;

import io.strata.tree.VisibleFile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The OS packages an image's package database lists, by name. Read from paths where the database keeps one
 * file per package (dpkg's {@code info/NAME.list}, distroless' {@code status.d/NAME}), or parsed from the
 * text of dpkg's {@code status} or apk's {@code installed} file when a caller could read it.
 */
public record InstalledPackages(String source, List<String> names) {

    /** Database files whose text lists the packages; callers read the first present and call {@link #parse}. */
    public static final List<String> DATABASE_FILES = List.of("var/lib/dpkg/status", "lib/apk/db/installed");

    public static final InstalledPackages NONE = new InstalledPackages("", List.of());

    public InstalledPackages {
        names = List.copyOf(names);
    }

    public boolean isEmpty() {
        return names.isEmpty();
    }

    /** Package names from per-package files of the database; empty when the image has none. */
    public static InstalledPackages fromPaths(List<VisibleFile> visible) {
        TreeSet<String> dpkgInfo = new TreeSet<>();
        TreeSet<String> statusD = new TreeSet<>();
        for (VisibleFile f : visible) {
            String p = f.path().relative();
            if (p.startsWith("var/lib/dpkg/info/") && p.endsWith(".list") && p.indexOf('/', 18) < 0) {
                String name = p.substring(18, p.length() - 5);
                int colon = name.indexOf(':');
                dpkgInfo.add(colon < 0 ? name : name.substring(0, colon));
            } else if (p.startsWith("var/lib/dpkg/status.d/") && p.indexOf('/', 23) < 0 && !p.endsWith(".md5sums")) {
                statusD.add(p.substring(23));
            }
        }
        if (!dpkgInfo.isEmpty()) return new InstalledPackages("/var/lib/dpkg/info", new ArrayList<>(dpkgInfo));
        if (!statusD.isEmpty()) return new InstalledPackages("/var/lib/dpkg/status.d", new ArrayList<>(statusD));
        return NONE;
    }

    /** Parses dpkg status ("Package: x" stanzas, installed ones only) or apk installed ("P:x" lines). */
    public static InstalledPackages parse(String databaseFile, String text) {
        TreeSet<String> names = new TreeSet<>();
        if (databaseFile.endsWith("apk/db/installed")) {
            for (String line : text.split("\n")) {
                if (line.startsWith("P:")) names.add(line.substring(2).trim());
            }
        } else {
            for (String stanza : text.split("\n\\s*\n")) {
                Optional<String> name = field(stanza, "Package");
                String status = field(stanza, "Status").orElse("install ok installed");
                if (name.isPresent() && status.endsWith(" installed")) names.add(name.get());
            }
        }
        return new InstalledPackages("/" + databaseFile, new ArrayList<>(names));
    }

    private static Optional<String> field(String stanza, String key) {
        for (String line : stanza.split("\n")) {
            if (line.startsWith(key + ":")) return Optional.of(line.substring(key.length() + 1).trim());
        }
        return Optional.empty();
    }
}
