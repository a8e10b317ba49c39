package io.strata.packages;

import java.nio.ByteBuffer;
import java.util.AbstractList;
import java.util.Iterator;
import java.util.List;
import java.util.RandomAccess;

/**
 * An immutable list of strings read back from a kept inventory, decoded from the entry's bytes on first use: a warm
 * `packages` prints each package's file count, not its paths, so the tens of thousands of paths of an image are
 * mostly never decoded. The codec has checked the whole list's framing (count, every length within the bytes)
 * before making one, and decoding such bytes cannot fail, so a list made is a list that reads. It equals, hashes and
 * prints as the same strings in a {@link List#of} list would (the {@link List} contract).
 */
final class DecodedStrings extends AbstractList<String> implements RandomAccess {
    private final byte[] bytes;
    private final int start;
    private final int size;
    /** For a package's visible files, the declared files a non-negative entry names by position; else null. */
    private final List<String> declared;
    /** The decoded strings once asked for; a race decodes twice into equal lists, either of which is kept. */
    private volatile List<String> strings;

    /**
     * @param bytes  the entry's bytes (held, never changed, until the list is decoded)
     * @param start  where the first string's framing starts
     * @param size   how many strings follow, each framed as {@link InventoryCodec} writes one
     */
    DecodedStrings(byte[] bytes, int start, int size) {
        this(bytes, start, size, null);
    }

    /**
     * Strings each framed as {@link InventoryCodec} writes a package's visible files: the position of a string of
     * {@code declared}, or -1 and the string itself (the codec has checked every position and framing).
     */
    DecodedStrings(byte[] bytes, int start, int size, List<String> declared) {
        this.bytes = bytes;
        this.start = start;
        this.size = size;
        this.declared = declared;
    }

    /** {@code values} unchanged when already immutable here (so a record's List.copyOf does not decode them), else List.copyOf. */
    static List<String> copyOf(List<String> values) {
        return values instanceof DecodedStrings ? values : List.copyOf(values);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public String get(int index) {
        return strings().get(index);
    }

    @Override
    public Iterator<String> iterator() {
        return strings().iterator();
    }

    @Override
    public Object[] toArray() {
        return strings().toArray();
    }

    @Override
    public <T> T[] toArray(T[] a) {
        return strings().toArray(a);
    }

    @Override
    public boolean equals(Object o) {
        return o == this || strings().equals(o);
    }

    @Override
    public int hashCode() {
        return strings().hashCode();
    }

    /** Whether the strings were decoded yet (for tests). */
    boolean decoded() {
        return strings != null;
    }

    private List<String> strings() {
        List<String> s = strings;
        if (s == null) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            buf.position(start);
            String[] out = new String[size];
            for (int i = 0; i < size; i++) {
                int ref = declared == null ? -1 : buf.getInt();
                out[i] = ref >= 0 ? declared.get(ref) : InventoryCodec.string(buf);
            }
            s = List.of(out);
            strings = s;
        }
        return s;
    }
}
