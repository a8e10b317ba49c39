package io.strata.report;

import io.strata.layer.EntryKind;

/** Modes as users read them: octal with the special bits ("4755") and `ls -l` strings ("-rwsr-xr-x"). */
public final class FileModeText {
    private FileModeText() {
    }

    /** Octal with the special bits, at least four digits: "0644", "4755", "1777". */
    public static String octal(int mode) {
        return String.format("%04o", mode & 07777);
    }

    /** The ten characters of `ls -l`: type, then rwx triplets with s/S, s/S and t/T for the special bits. */
    public static String ls(EntryKind kind, int mode) {
        char type = switch (kind) {
            case DIR -> 'd';
            case SYMLINK -> 'l';
            case CHAR -> 'c';
            case BLOCK -> 'b';
            case FIFO -> 'p';
            default -> '-';
        };
        StringBuilder sb = new StringBuilder(10).append(type);
        triplet(sb, mode >> 6, (mode & 04000) != 0, 's');
        triplet(sb, mode >> 3, (mode & 02000) != 0, 's');
        triplet(sb, mode, (mode & 01000) != 0, 't');
        return sb.toString();
    }

    private static void triplet(StringBuilder sb, int bits, boolean special, char specialChar) {
        sb.append((bits & 4) != 0 ? 'r' : '-');
        sb.append((bits & 2) != 0 ? 'w' : '-');
        boolean x = (bits & 1) != 0;
        if (special) sb.append(x ? specialChar : Character.toUpperCase(specialChar));
        else sb.append(x ? 'x' : '-');
    }
}
