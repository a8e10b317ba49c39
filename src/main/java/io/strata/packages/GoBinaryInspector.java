package io.strata.packages;

import io.strata.model.Finding;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Go executables: the build info the linker writes at the start of {@code .go.buildinfo}, found while the file
 * streams by (the 14-byte magic {@code "\xff Go buildinf:"} at a 16-byte aligned offset), then the module
 * information text (what {@code go version -m} prints): the main module and every dependency. Only executables
 * that start with the ELF magic and carry Go's build-id note in their first 16 KiB are read further; at most one
 * window of 64 KiB plus the build info itself (bounded) is held.
 *
 * <p>Go 1.18 and later write the version and module text inline (flag bit 2). Older binaries point at them
 * through the data segment instead, which a single forward pass cannot follow: such a binary is an info finding.
 */
public final class GoBinaryInspector implements ArtifactInspector {

    static final String UNREADABLE = "go-buildinfo-unreadable";
    private static final byte[] MAGIC = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] ELF = {0x7f, 'E', 'L', 'F'};
    private static final int HEADER = 32;
    private static final int WINDOW = 64 * 1024;
    private static final int MAX_INFO = 1 << 20;
    /**
     * The Go linker puts its build-id note ({@code .note.go.buildid}: name "Go", type 4) right after the ELF
     * headers; a binary without it in its first bytes is not Go and is not searched further.
     */
    private static final byte[] GO_NOTE = {4, 0, 0, 0, 'G', 'o', 0, 0};
    private static final int NOTE_WITHIN = 16 * 1024;

    @Override
    public boolean wants(String absolutePath, long size, int mode) {
        return (mode & 0111) != 0 && size >= 1024;
    }

    @Override
    public List<DeclaredPackage> inspect(String absolutePath, InputStream content, List<Finding> findings) throws IOException {
        byte[] head = content.readNBytes(ELF.length);
        if (!Arrays.equals(head, ELF)) return List.of();
        // the window holds [0, filled) of the file from a 16-byte aligned offset; the magic sits at aligned offsets
        byte[] window = new byte[WINDOW + HEADER];
        System.arraycopy(head, 0, window, 0, head.length);
        int filled = head.length;
        filled += content.readNBytes(window, filled, NOTE_WITHIN - filled);
        if (indexOf(window, filled, GO_NOTE) < 0) return List.of();
        while (true) {
            int n = content.readNBytes(window, filled, window.length - filled);
            filled += n;
            for (int at = 0; at + HEADER <= filled; at += 16) {
                if (!startsWith(window, at, MAGIC)) continue;
                return parseAt(absolutePath, window, at, filled, content, findings);
            }
            if (n == 0) return List.of(); // end of file, no build info: not a Go binary
            // keep the tail not yet searched (a header may start there); the window start stays 16-byte aligned
            int from = Math.max(0, filled - HEADER);
            from -= from % 16;
            System.arraycopy(window, from, window, 0, filled - from);
            filled -= from;
        }
    }

    private List<DeclaredPackage> parseAt(String path, byte[] window, int at, int filled, InputStream content,
                                          List<Finding> findings) throws IOException {
        int flags = window[at + 15] & 0xff;
        if ((flags & 2) == 0) {
            findings.add(Finding.info(UNREADABLE, path + ": Go build info of a Go release before 1.18 (pointer format),"
                    + " modules not read").atPath(path));
            return List.of();
        }
        // the inline strings: two varint-prefixed strings after the 32-byte header; pull what they need
        byte[] rest = Arrays.copyOfRange(window, at + HEADER, filled);
        Reader r = new Reader(rest, content);
        try {
            r.string(); // the Go version, which go version -m prints first
            String modinfo = r.string();
            if (modinfo.length() >= 33 && modinfo.charAt(modinfo.length() - 17) == '\n') {
                modinfo = modinfo.substring(16, modinfo.length() - 16); // the sentinels around the text
            }
            return modules(path, modinfo);
        } catch (IOException e) {
            findings.add(Finding.warning(UNREADABLE, path + ": Go build info cut short: " + e.getMessage()).atPath(path));
            return List.of();
        }
    }

    /** Reads varint-prefixed strings from the bytes already held, then from the stream, bounded by MAX_INFO. */
    private static final class Reader {
        private byte[] bytes;
        private int pos;
        private final InputStream more;

        Reader(byte[] bytes, InputStream more) {
            this.bytes = bytes;
            this.more = more;
        }

        private void need(int n) throws IOException {
            if (pos + n <= bytes.length) return;
            int missing = pos + n - bytes.length;
            byte[] extra = more.readNBytes(missing);
            if (extra.length < missing) throw new IOException("the file ends inside the build info");
            byte[] grown = Arrays.copyOf(bytes, bytes.length + missing);
            System.arraycopy(extra, 0, grown, bytes.length, missing);
            bytes = grown;
        }

        String string() throws IOException {
            long length = 0;
            for (int shift = 0; ; shift += 7) {
                if (shift > 28) throw new IOException("a malformed length");
                need(1);
                int b = bytes[pos++] & 0xff;
                length |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) break;
            }
            if (length > MAX_INFO) throw new IOException("a string of " + length + " bytes, over " + MAX_INFO);
            need((int) length);
            String s = new String(bytes, pos, (int) length, StandardCharsets.UTF_8);
            pos += (int) length;
            return s;
        }
    }

    /** The modinfo text: {@code path}, {@code mod} (main module), {@code dep}, {@code =>} (replaces the previous dep). */
    static List<DeclaredPackage> modules(String location, String modinfo) {
        List<String[]> modules = new ArrayList<>();
        for (String line : modinfo.split("\n")) {
            String[] f = line.split("\t");
            if (f.length < 3) continue;
            switch (f[0]) {
                case "mod", "dep" -> modules.add(new String[]{f[0], f[1], f[2]});
                case "=>" -> {
                    if (!modules.isEmpty() && modules.get(modules.size() - 1)[0].equals("dep"))
                        modules.get(modules.size() - 1)[2] = f[2]; // the version actually built in
                }
                default -> {
                }
            }
        }
        List<DeclaredPackage> out = new ArrayList<>();
        List<String> deps = modules.stream().filter(m -> m[0].equals("dep")).map(m -> m[1]).toList();
        for (String[] m : modules) {
            boolean main = m[0].equals("mod"); // the main module owns the binary
            out.add(new DeclaredPackage(Ecosystem.GO, m[1], m[2], Optional.empty(), Optional.empty(), List.of(),
                    location, main ? List.of(location) : List.of(), main ? deps : List.of(), List.of(),
                    Optional.empty(), false));
        }
        return out;
    }

    private static int indexOf(byte[] b, int length, byte[] needle) {
        for (int i = 0; i + needle.length <= length; i++) if (startsWith(b, i, needle)) return i;
        return -1;
    }

    private static boolean startsWith(byte[] b, int at, byte[] prefix) {
        if (at + prefix.length > b.length) return false;
        for (int i = 0; i < prefix.length; i++) if (b[at + i] != prefix[i]) return false;
        return true;
    }
}
