package io.strata.diff;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a diff compares and what it ignores. Timestamps (file mtimes, config and history {@code created}) are
 * ignored unless asked for, because a rebuilt layer always differs in them.
 */
public record DiffOptions(Set<Section> sections, boolean timestamps, PathPatterns ignore, GroupBy groupBy) {

    /** How file rows are grouped: not at all, under their top folders or under their owning packages, with totals. */
    public enum GroupBy {
        NONE, FOLDER, PACKAGE;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public DiffOptions(Set<Section> sections, boolean timestamps, PathPatterns ignore) {
        this(sections, timestamps, ignore, GroupBy.NONE);
    }

    /** The same options with file rows grouped as asked. */
    public DiffOptions groupedBy(GroupBy by) {
        return new DiffOptions(sections, timestamps, ignore, by);
    }

    public DiffOptions {
        sections = sections.isEmpty() ? EnumSet.allOf(Section.class) : EnumSet.copyOf(sections);
        sections = java.util.Collections.unmodifiableSet(sections);
    }

    public static final DiffOptions DEFAULT = new DiffOptions(EnumSet.allOf(Section.class), false, PathPatterns.NONE);

    public boolean includes(Section section) {
        return sections.contains(section);
    }

    /** The package inventories are read for the packages section and to group file rows by package. */
    public boolean needsPackages() {
        return includes(Section.PACKAGES) || (includes(Section.FILES) && groupBy == GroupBy.PACKAGE);
    }

    /** Layers must be scanned only for the sections that look inside them. */
    public boolean needsLayers() {
        return includes(Section.LAYERS) || includes(Section.FILES) || includes(Section.PACKAGES);
    }
}
