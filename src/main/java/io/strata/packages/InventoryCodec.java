package io.strata.packages;

import io.strata.model.Finding;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@link Inventory} as bytes, for the cache's derived values: every package whole (what its database declares,
 * its purl, files, bytes, and the positions of its layers) and the readers' findings. The layers are named by
 * position only; reading takes them from the image at hand, so their history steps are always this image's. Strings
 * go as UTF-8, or as their UTF-16 chars when UTF-8 could not give them back (a lone surrogate), so any Java string
 * comes back exactly. Reading refuses anything but a whole,
 * well-formed inventory of this version whose layer positions exist.
 */
public final class InventoryCodec {
    /**
     * Bumped whenever the layout below changes; part of the cache key, so another version is never read. 2: a
     * package's visible files name the declared files they repeat by position.
     */
    public static final int VERSION = 2;
    private static final Ecosystem[] ECOSYSTEMS = Ecosystem.values();
    private static final Finding.Severity[] SEVERITIES = Finding.Severity.values();

    private InventoryCodec() {
    }

    public static byte[] encode(Inventory inventory) {
        Out out = new Out();
        out.putInt(VERSION);
        out.putInt(inventory.packages().size());
        for (InstalledPackage p : inventory.packages()) {
            DeclaredPackage d = p.declared();
            out.putByte(d.ecosystem().ordinal());
            out.putString(d.name());
            out.putString(d.version());
            out.putOptional(d.arch());
            out.putOptional(d.source());
            out.putList(d.licenses());
            out.putString(d.location());
            out.putList(d.files());
            out.putList(d.depends());
            out.putList(d.recommends());
            out.putByte(d.auto().map(a -> a ? 1 : 0).orElse(2));
            out.putByte(d.dev() ? 1 : 0);
            out.putList(d.ownedPrefixes());
            out.putString(p.purl());
            out.putInt(p.layer().index());
            out.putInt(p.lastChangedLayer().index());
            out.putFiles(p.files(), d.files());
            out.putLong(p.bytes());
            out.putLong(p.hiddenBytes());
            out.putList(p.requiredBy());
            out.putList(p.recommendedBy());
        }
        out.putInt(inventory.findings().size());
        for (Finding f : inventory.findings()) {
            out.putByte(f.severity().ordinal());
            out.putString(f.code());
            out.putByte(f.layer().isPresent() ? 1 : 0);
            if (f.layer().isPresent()) out.putInt(f.layer().get());
            out.putOptional(f.path());
            out.putString(f.message());
        }
        return out.bytes();
    }

    /**
     * The inventory of {@code bytes}, its packages' layers taken from {@code layers} by position; empty when malformed.
     * Its string lists are decoded from {@code bytes} when first used, so the caller hands them over: never changed after.
     */
    public static Optional<Inventory> decode(byte[] bytes, List<PackageLayer> layers) {
        return decode(bytes, 0, bytes.length, layers);
    }

    /** The inventory held in {@code length} bytes of {@code bytes} from {@code from}; as {@link #decode(byte[], List)}. */
    public static Optional<Inventory> decode(byte[] bytes, int from, int length, List<PackageLayer> layers) {
        try {
            In in = new In(ByteBuffer.wrap(bytes, from, length));
            if (in.buf.getInt() != VERSION) return Optional.empty();
            int n = in.count(8);
            List<InstalledPackage> packages = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Ecosystem ecosystem = ECOSYSTEMS[in.index(ECOSYSTEMS.length)];
                String name = in.string();
                String version = in.string();
                Optional<String> arch = in.optional();
                Optional<String> source = in.optional();
                List<String> licenses = in.list();
                String location = in.string();
                List<String> declaredFiles = in.list();
                List<String> depends = in.list();
                List<String> recommends = in.list();
                int auto = in.index(3);
                boolean dev = in.index(2) == 1;
                List<String> prefixes = in.list();
                DeclaredPackage d = new DeclaredPackage(ecosystem, name, version, arch, source, licenses, location,
                        declaredFiles, depends, recommends, auto == 2 ? Optional.empty() : Optional.of(auto == 1), dev,
                        prefixes);
                String purl = in.string();
                PackageLayer layer = layers.get(in.position(layers.size()));
                PackageLayer lastChanged = layers.get(in.position(layers.size()));
                List<String> files = in.files(declaredFiles);
                long fileBytes = in.size();
                long hiddenBytes = in.size();
                packages.add(new InstalledPackage(d, purl, layer, lastChanged, files, fileBytes, hiddenBytes,
                        in.list(), in.list()));
            }
            int f = in.count(8);
            List<Finding> findings = new ArrayList<>(f);
            for (int i = 0; i < f; i++) {
                Finding.Severity severity = SEVERITIES[in.index(SEVERITIES.length)];
                String code = in.string();
                Optional<Integer> layer = in.index(2) == 1 ? Optional.of(in.buf.getInt()) : Optional.empty();
                findings.add(new Finding(severity, code, layer, in.optional(), in.string()));
            }
            if (in.buf.hasRemaining()) return Optional.empty();
            return Optional.of(Inventory.of(packages, findings));
        } catch (BufferUnderflowException | IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    /** One string as {@link Out#putString} wrote it, at the buffer's position; malformed framing is an IllegalArgumentException. */
    static String string(ByteBuffer buf) {
        int n = buf.getInt();
        if (n >= 0) {
            if (n > buf.remaining()) throw new IllegalArgumentException("string of " + n + " bytes");
            String s = new String(buf.array(), buf.arrayOffset() + buf.position(), n, StandardCharsets.UTF_8);
            buf.position(buf.position() + n);
            return s;
        }
        int chars = -1 - n;
        if (chars > buf.remaining() / 2) throw new IllegalArgumentException("string of " + chars + " chars");
        char[] c = new char[chars];
        buf.asCharBuffer().get(c);
        buf.position(buf.position() + 2 * chars);
        return new String(c);
    }

    /** A growing big-endian buffer. */
    private static final class Out {
        private ByteBuffer buf = ByteBuffer.allocate(1 << 16);

        private void room(long bytes) {
            if (buf.remaining() >= bytes) return;
            long want = Math.max((long) buf.capacity() * 2, buf.position() + bytes);
            if (want > Integer.MAX_VALUE - 8) throw new IllegalStateException("inventory too large to keep");
            ByteBuffer grown = ByteBuffer.allocate((int) want);
            buf.flip();
            grown.put(buf);
            buf = grown;
        }

        void putByte(int v) {
            room(1);
            buf.put((byte) v);
        }

        void putInt(int v) {
            room(4);
            buf.putInt(v);
        }

        void putLong(long v) {
            room(8);
            buf.putLong(v);
        }

        /** UTF-8 (a length of 0 or more), or for a string with a lone surrogate its UTF-16 chars (-1 - their count). */
        void putString(String s) {
            if (wellFormed(s)) {
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                room(4 + (long) utf8.length);
                buf.putInt(utf8.length);
                buf.put(utf8);
            } else {
                room(4 + 2L * s.length());
                buf.putInt(-1 - s.length());
                buf.asCharBuffer().put(s);
                buf.position(buf.position() + 2 * s.length());
            }
        }

        /** Whether UTF-8 gives the string back exactly: every surrogate in a pair. */
        private static boolean wellFormed(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (!Character.isSurrogate(c)) continue;
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) i++;
                else return false;
            }
            return true;
        }

        void putOptional(Optional<String> s) {
            putByte(s.isPresent() ? 1 : 0);
            s.ifPresent(this::putString);
        }

        void putList(List<String> values) {
            putInt(values.size());
            for (String v : values) putString(v);
        }

        /**
         * A package's visible files, most of which its database declares too (about 0.7 of debian-fat's 1.8 MB
         * inventory): each as the position of the declared file it equals, else -1 and the path.
         */
        void putFiles(List<String> files, List<String> declared) {
            Map<String, Integer> position = new HashMap<>();
            for (int i = declared.size() - 1; i >= 0; i--) position.put(declared.get(i), i);
            putInt(files.size());
            for (String f : files) {
                Integer at = position.get(f);
                putInt(at == null ? -1 : at);
                if (at == null) putString(f);
            }
        }

        byte[] bytes() {
            byte[] out = new byte[buf.position()];
            buf.flip();
            buf.get(out);
            return out;
        }
    }

    /** Reads what {@link Out} wrote; every count and position checked before it is used. */
    private record In(ByteBuffer buf) {
        /** A count of items each at least {@code minBytes} long: never more than the bytes left could hold. */
        int count(int minBytes) {
            int n = buf.getInt();
            if (n < 0 || n > buf.remaining() / minBytes) throw new IllegalArgumentException("count " + n);
            return n;
        }

        int index(int bound) {
            int v = buf.get() & 0xff;
            if (v >= bound) throw new IllegalArgumentException("value " + v);
            return v;
        }

        int position(int layers) {
            int v = buf.getInt();
            if (v < 0 || v >= layers) throw new IllegalArgumentException("layer " + v);
            return v;
        }

        long size() {
            long v = buf.getLong();
            if (v < 0) throw new IllegalArgumentException("size " + v);
            return v;
        }

        String string() {
            return InventoryCodec.string(buf);
        }

        Optional<String> optional() {
            return index(2) == 1 ? Optional.of(string()) : Optional.empty();
        }

        /**
         * A list whose framing (count, every string's length) is checked here and whose strings are decoded on first
         * use ({@link DecodedStrings}): nothing past this check can fail.
         */
        List<String> list() {
            int n = count(4);
            if (n == 0) return List.of();
            // straight on the array: a warm `packages` walks every path of the image here, and a buffer's getInt
            // costs several calls in C1-compiled code
            byte[] a = buf.array();
            int start = buf.arrayOffset() + buf.position();
            int end = buf.arrayOffset() + buf.limit();
            int at = start;
            for (int i = 0; i < n; i++) {
                if (end - at < 4) throw new IllegalArgumentException("list cut short");
                at = pastString(a, at, end);
            }
            buf.position(at - buf.arrayOffset());
            return new DecodedStrings(a, start, n);
        }

        /** The visible files as {@link Out#putFiles} wrote them, each position checked against {@code declared}. */
        List<String> files(List<String> declared) {
            int n = count(4);
            if (n == 0) return List.of();
            byte[] a = buf.array();
            int start = buf.arrayOffset() + buf.position();
            int end = buf.arrayOffset() + buf.limit();
            int at = start;
            for (int i = 0; i < n; i++) {
                if (end - at < 4) throw new IllegalArgumentException("list cut short");
                int ref = intAt(a, at);
                at += 4;
                if (ref >= 0) {
                    if (ref >= declared.size()) throw new IllegalArgumentException("declared file " + ref);
                    continue;
                }
                if (ref != -1 || end - at < 4) throw new IllegalArgumentException("file " + ref);
                at = pastString(a, at, end);
            }
            buf.position(at - buf.arrayOffset());
            return new DecodedStrings(a, start, n, declared);
        }

        /**
         * Where the string framed at {@code at} (its length, at least 4 bytes before {@code end}, then UTF-8 bytes or
         * UTF-16 chars as {@link Out#putString} wrote it) ends; refused when it runs past {@code end}.
         */
        private static int pastString(byte[] a, int at, int end) {
            int length = intAt(a, at);
            at += 4;
            long bytes = length >= 0 ? length : 2L * (-1L - length);
            if (bytes > end - at) throw new IllegalArgumentException("string of " + bytes + " bytes");
            return at + (int) bytes;
        }

        /** The big-endian int at {@code at}, straight from the array. */
        private static int intAt(byte[] a, int at) {
            return (a[at] & 0xff) << 24 | (a[at + 1] & 0xff) << 16 | (a[at + 2] & 0xff) << 8 | (a[at + 3] & 0xff);
        }
    }
}
