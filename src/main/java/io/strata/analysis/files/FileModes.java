package io.strata.analysis.files;

import io.strata.layer.EntryKind;

/** Questions audits ask of a mode (permission and special bits, 07777). */
public final class FileModes {
    public static final int SETUID = 04000;
    public static final int SETGID = 02000;
    public static final int STICKY = 01000;
    private static final int OTHER_WRITE = 0002;

    private FileModes() {
    }

    /** Setuid or setgid: the bits that let a program run with another identity. */
    public static boolean isSetuidOrSetgid(int mode) {
        return (mode & (SETUID | SETGID)) != 0;
    }

    /** Anyone may write it. Symlinks are always 0777 and mean nothing by it, so they never count. */
    public static boolean isWorldWritable(EntryKind kind, int mode) {
        return kind != EntryKind.SYMLINK && (mode & OTHER_WRITE) != 0;
    }

    /** World-writable without the excuse of a sticky directory (like /tmp, 1777). */
    public static boolean isUnsafeWorldWritable(EntryKind kind, int mode) {
        return isWorldWritable(kind, mode) && !(kind == EntryKind.DIR && (mode & STICKY) != 0);
    }
}
