package io.strata.advise;

import java.util.Arrays;

/**
 * Stored versions already reported by a rule: each byte is counted by one piece of advice only. Keys are
 * (layer, entry) pairs packed in a long, kept in an open-addressing table (no boxing: every stored path of a
 * 200,000-file image is looked up several times).
 */
final class Claims {
    private static final long EMPTY = Long.MIN_VALUE;
    private long[] table = new long[1024];
    private int size;

    Claims() {
        Arrays.fill(table, EMPTY);
    }

    boolean isClaimed(StoredVersion v) {
        return isClaimed(v.key());
    }

    boolean isClaimed(long key) {
        int mask = table.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            if (table[i] == EMPTY) return false;
            if (table[i] == key) return true;
        }
    }

    /** Claims v; false when another rule already had it. */
    boolean claim(StoredVersion v) {
        return claim(v.key());
    }

    boolean claim(long key) {
        if (2 * (size + 1) > table.length) grow();
        int mask = table.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            if (table[i] == key) return false;
            if (table[i] == EMPTY) {
                table[i] = key;
                size++;
                return true;
            }
        }
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        Arrays.fill(table, EMPTY);
        size = 0;
        for (long k : old) if (k != EMPTY) claim(k);
    }
}
