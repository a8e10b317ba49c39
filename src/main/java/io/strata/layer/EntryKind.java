package io.strata.layer;

/** What a layer tar entry is, from its type flag (never from isFile() alone) and whiteout naming. */
public enum EntryKind {
    FILE("file"), DIR("dir"), SYMLINK("symlink"), HARDLINK("hardlink"), CHAR("char"), BLOCK("block"),
    FIFO("fifo"), WHITEOUT("whiteout"), OPAQUE("opaque");

    private final String label;

    EntryKind(String label) {
        this.label = label;
    }

    /** The name used in JSON output ("file", "dir", ...). */
    public String label() {
        return label;
    }

    public boolean isWhiteout() {
        return this == WHITEOUT || this == OPAQUE;
    }

    private static final EntryKind[] VALUES = values();

    static EntryKind of(int ordinal) {
        return VALUES[ordinal];
    }
}
