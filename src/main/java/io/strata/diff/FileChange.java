package io.strata.diff;

import io.strata.model.ImagePath;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One path that differs between the two merged filesystems. {@code fields} lists what differs for a path on
 * both sides (content first); {@code before} is side A's view, {@code after} side B's.
 */
public record FileChange(ImagePath path, Kind kind, List<Field> fields, Optional<FileState> before,
                         Optional<FileState> after, Optional<Removal> removedBy) {

    public FileChange {
        fields = List.copyOf(fields);
    }

    public FileChange(ImagePath path, Kind kind, List<Field> fields, Optional<FileState> before,
                      Optional<FileState> after) {
        this(path, kind, fields, before, after, Optional.empty());
    }

    /** The same change with the layer of B that removed the path. */
    FileChange removedBy(Removal removal) {
        return new FileChange(path, kind, fields, before, after, Optional.of(removal));
    }

    public enum Kind {
        ADDED, REMOVED, MODIFIED, METADATA;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What can differ about a path present on both sides; the labels are the JSON names. */
    public enum Field {
        CONTENT("content"), TYPE("type"), MODE("mode"), UID("uid"), GID("gid"), LINK_TARGET("linkTarget"),
        XATTRS("xattrs"), MTIME("mtime");

        private final String label;

        Field(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Size after minus size before (a missing side counts 0). */
    public long sizeDelta() {
        return after.map(FileState::size).orElse(0L) - before.map(FileState::size).orElse(0L);
    }
}
