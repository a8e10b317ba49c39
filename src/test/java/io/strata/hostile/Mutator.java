package io.strata.hostile;

import io.strata.testing.Archives;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Mutates a real archive the way storage, transfers and attackers do: flipped bytes (anywhere, or aimed at tar
 * headers, JSON files and the start of layer tars), truncation, zeroed blocks, inserted garbage, and blobs swapped
 * between two files of the archive. Deterministic for a given Random.
 */
final class Mutator {
    /** One mutant: its bytes and what was done, for the report. */
    record Mutant(byte[] bytes, String kind, String description) {
    }

    /** The outer tar's regular files: name, data offset, size. */
    private record Entry(String name, long offset, long size) {
    }

    private final byte[] original;
    private final List<Entry> entries;
    private final String label;

    Mutator(Path archive) {
        try {
            this.original = Files.readAllBytes(archive);
            this.entries = entries(archive);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.label = archive.getFileName().toString();
    }

    private static List<Entry> entries(Path archive) throws IOException {
        List<Entry> out = new ArrayList<>();
        try (TarFile tar = new TarFile(archive)) {
            for (TarArchiveEntry e : tar.getEntries()) {
                if (e.isFile() && e.getSize() > 0) out.add(new Entry(e.getName(), e.getDataOffset(), e.getSize()));
            }
        }
        return out;
    }

    Mutant mutate(Random rnd) {
        return switch (rnd.nextInt(9)) {
            case 0, 1 -> flipAnywhere(rnd);
            case 2 -> flipIn(rnd, "a tar header", headerRegion(rnd));
            case 3 -> flipIn(rnd, "a JSON file", jsonRegion(rnd));
            case 4 -> flipIn(rnd, "the start of a blob", blobStartRegion(rnd));
            case 5 -> truncate(rnd);
            case 6 -> zeroBlock(rnd);
            case 7 -> insertGarbage(rnd);
            default -> swapBlobs(rnd);
        };
    }

    private Mutant flipAnywhere(Random rnd) {
        byte[] b = original.clone();
        int n = 1 + rnd.nextInt(4);
        StringBuilder at = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int pos = rnd.nextInt(b.length);
            b[pos] ^= (byte) (1 + rnd.nextInt(255));
            at.append(i == 0 ? "" : ",").append(pos);
        }
        return new Mutant(b, "flip anywhere", label + ": flipped " + n + " byte(s) at " + at);
    }

    /** {start, length} of a region; the whole file when the archive has no such region. */
    private long[] headerRegion(Random rnd) {
        if (entries.isEmpty()) return new long[]{0, original.length};
        Entry e = entries.get(rnd.nextInt(entries.size()));
        return new long[]{e.offset() - 512, 512};
    }

    private long[] jsonRegion(Random rnd) {
        List<Entry> json = entries.stream().filter(e -> e.name().endsWith(".json") || e.name().endsWith("repositories")
                || (e.name().contains("blobs/") && e.size() < 4096)).toList();
        if (json.isEmpty()) return new long[]{0, original.length};
        Entry e = json.get(rnd.nextInt(json.size()));
        return new long[]{e.offset(), e.size()};
    }

    private long[] blobStartRegion(Random rnd) {
        List<Entry> blobs = entries.stream().filter(e -> e.size() >= 4096).toList();
        if (blobs.isEmpty()) return new long[]{0, original.length};
        Entry e = blobs.get(rnd.nextInt(blobs.size()));
        return new long[]{e.offset(), Math.min(e.size(), 2048)};
    }

    private Mutant flipIn(Random rnd, String what, long[] region) {
        byte[] b = original.clone();
        int pos = (int) (region[0] + (long) (rnd.nextDouble() * region[1]));
        pos = Math.max(0, Math.min(b.length - 1, pos));
        b[pos] ^= (byte) (1 + rnd.nextInt(255));
        return new Mutant(b, "flip in " + what, label + ": flipped a byte of " + what + " at " + pos);
    }

    private Mutant truncate(Random rnd) {
        int length = rnd.nextBoolean() ? rnd.nextInt(original.length)
                : (int) Math.max(0, original.length - 1 - rnd.nextInt(Math.min(original.length, 4096)));
        return new Mutant(java.util.Arrays.copyOf(original, length), "truncate", label + ": truncated to " + length + " bytes");
    }

    private Mutant zeroBlock(Random rnd) {
        byte[] b = original.clone();
        int block = rnd.nextInt(Math.max(1, b.length / 512));
        java.util.Arrays.fill(b, block * 512, Math.min(b.length, block * 512 + 512), (byte) 0);
        return new Mutant(b, "zero a block", label + ": zeroed the 512-byte block at " + block * 512);
    }

    private Mutant insertGarbage(Random rnd) {
        int pos = rnd.nextInt(original.length);
        byte[] garbage = new byte[1 + rnd.nextInt(600)];
        rnd.nextBytes(garbage);
        byte[] b = new byte[original.length + garbage.length];
        System.arraycopy(original, 0, b, 0, pos);
        System.arraycopy(garbage, 0, b, pos, garbage.length);
        System.arraycopy(original, pos, b, pos + garbage.length, original.length - pos);
        return new Mutant(b, "insert garbage", label + ": inserted " + garbage.length + " random bytes at " + pos);
    }

    /** Rewrites the outer tar with the contents of two of its files exchanged (a valid tar, lying content). */
    private Mutant swapBlobs(Random rnd) {
        if (entries.size() < 2) return flipAnywhere(rnd);
        int i = rnd.nextInt(entries.size());
        int j = rnd.nextInt(entries.size() - 1);
        if (j >= i) j++;
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (Entry e : entries) files.put(e.name(), slice(e));
        Entry a = entries.get(i);
        Entry c = entries.get(j);
        files.put(a.name(), slice(c));
        files.put(c.name(), slice(a));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(original.length + 4096);
        try {
            Archives.writeTar(files, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Mutant(out.toByteArray(), "swap two files", label + ": swapped the contents of " + a.name() + " and " + c.name());
    }

    private byte[] slice(Entry e) {
        return java.util.Arrays.copyOfRange(original, (int) e.offset(), (int) (e.offset() + e.size()));
    }
}
