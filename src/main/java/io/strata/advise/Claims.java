package io.strata.advise;

import java.util.Arrays;

/**
 * Stored versions already reported by a rule: each byte is counted by one piece of advice only. Keys are
 * (layer, entry) pairs packed in a long, kept in an open-addressing table (no boxing: every stored path of a
 * 200,000-file image is looked up several times), with the rule that claimed each, so a rule can say which
 * other rule counts bytes it also concerns.
 */
final class Claims {
    private static final long EMPTY = Long.MIN_VALUE;
    private static final RuleId[] RULES = RuleId.values();
    private long[] table = new long[1024];
    private byte[] owners = new byte[1024];
    private int size;
    private RuleId current = RULES[0];

    Claims() {
        Arrays.fill(table, EMPTY);
    }

    /** The rule whose claims follow (the advisor sets it before running each rule). */
    void claimingFor(RuleId rule) {
        current = rule;
    }

    /** The rule that claimed the key, if any. */
    java.util.Optional<RuleId> owner(long key) {
        int mask = table.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            if (table[i] == EMPTY) return java.util.Optional.empty();
            if (table[i] == key) return java.util.Optional.of(RULES[owners[i]]);
        }
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
        return claim(key, current);
    }

    private boolean claim(long key, RuleId rule) {
        if (2 * (size + 1) > table.length) grow();
        int mask = table.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            if (table[i] == key) return false;
            if (table[i] == EMPTY) {
                table[i] = key;
                owners[i] = (byte) rule.ordinal();
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
        byte[] oldOwners = owners;
        table = new long[old.length * 2];
        owners = new byte[old.length * 2];
        Arrays.fill(table, EMPTY);
        size = 0;
        for (int i = 0; i < old.length; i++) if (old[i] != EMPTY) claim(old[i], RULES[oldOwners[i]]);
    }
}
