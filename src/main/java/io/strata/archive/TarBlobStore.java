package io.strata.archive;


import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An uncompressed outer tar, indexed once: name to data offset and size. Blobs are then read by position,
 * never by re-scanning the tar, and in parallel.
 */
final class TarBlobStore implements BlobStore {
    private record Entry(String name, long offset, long size, char kind, String link) {
    }

    private final Path file;
    private final String label;
    private final FileChannel channel;
    /** The archive file as it was when opened; empty for a spool (a new temporary file each run). */
    private final Optional<String> openedAs;
    private final Map<String, Entry> entries = new HashMap<>();
    private final List<String> order = new ArrayList<>();

    private TarBlobStore(Path file, String label, FileChannel channel, Optional<String> openedAs) {
        this.file = file;
        this.label = label;
        this.channel = channel;
        this.openedAs = openedAs;
    }

    /** {@code spooled}: a temporary copy, whose identity says nothing about the bytes of a later run. */
    static TarBlobStore index(Path file, String label, Limits limits, boolean spooled) throws ArchiveException {
        FileChannel channel;
        Optional<String> before = spooled ? Optional.empty() : FileIdentity.of(file);
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new ArchiveException(label + ": cannot open: " + e.getMessage());
        }
        // the same before and after opening: the channel reads that file (not one renamed into its place meanwhile)
        Optional<String> openedAs = before.isPresent() && before.equals(FileIdentity.of(file)) ? before : Optional.empty();
        TarBlobStore store = new TarBlobStore(file, label, channel, openedAs);
        try {
            store.readIndex(limits);
        } catch (ArchiveException e) {
            store.close();
            throw e;
        } catch (IOException | RuntimeException e) {
            store.close();
            throw new ArchiveException(label + ": not a readable tar archive: " + describe(e));
        }
        return store;
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    private void readIndex(Limits limits) throws IOException, ArchiveException {
        long fileSize = channel.size();
        if (fileSize == 0) throw new ArchiveException(label + ": the file is empty");
        byte[] first = new byte[512];
        int n = channel.read(java.nio.ByteBuffer.wrap(first), 0);
        if (!OuterTarReader.looksLikeTar(first, n)) {
            throw new ArchiveException(label + ": not a tar archive (nor gzip or zstd of one)");
        }
        ArchiveException[] failure = new ArchiveException[1];
        OuterTarReader.read(channel, label, h -> {
            if (failure[0] != null) return;
            if (order.size() >= limits.maxOuterEntries()) {
                failure[0] = new ArchiveException(label + ": more than " + limits.maxOuterEntries()
                        + " entries in the outer tar (raise --max-outer-entries)");
                return;
            }
            Optional<String> name = normaliseName(h.name());
            if (name.isEmpty()) {
                failure[0] = new ArchiveException(label + ": entry '" + shorten(h.name())
                        + "' points outside the archive");
                return;
            }
            char kind = switch (h.type()) {
                case '2' -> 'l';
                case '1' -> 'h';
                case '5' -> 'd';
                default -> 'f';
            };
            Entry entry = new Entry(name.get(), h.dataOffset(), kind == 'f' ? h.size() : 0, kind, h.linkName());
            if (entries.put(entry.name(), entry) == null) order.add(entry.name());
        });
        if (failure[0] != null) throw failure[0];
        if (order.isEmpty()) throw new ArchiveException(label + ": the tar archive has no entries");
    }

    static Optional<String> normaliseName(String raw) {
        List<String> parts = new ArrayList<>();
        for (String seg : raw.split("/")) {
            if (seg.isEmpty() || seg.equals(".")) continue;
            if (seg.equals("..")) {
                if (parts.isEmpty()) return Optional.empty();
                parts.remove(parts.size() - 1);
            } else {
                parts.add(seg);
            }
        }
        return Optional.of(String.join("/", parts));
    }

    private static String shorten(String s) {
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }

    @Override
    public Optional<StoredFile> find(String name) throws ArchiveException {
        String current = name;
        for (int hops = 0; hops < 16; hops++) {
            Entry e = entries.get(current);
            if (e == null) return Optional.empty();
            switch (e.kind()) {
                case 'f':
                    return Optional.of(new StoredFile(e.name(), e.offset(), e.size()));
                case 'd':
                    return Optional.empty();
                case 'h':
                    current = normaliseName(e.link()).orElseThrow(() -> new ArchiveException(
                            label + ": hardlink '" + name + "' points outside the archive"));
                    break;
                default: {
                    String base = current.contains("/") ? current.substring(0, current.lastIndexOf('/') + 1) : "";
                    String target = e.link().startsWith("/") ? e.link() : base + e.link();
                    current = normaliseName(target).orElseThrow(() -> new ArchiveException(
                            label + ": symlink '" + name + "' points outside the archive"));
                }
            }
        }
        throw new ArchiveException(label + ": link loop at '" + name + "'");
    }

    @Override
    public List<String> names() {
        return List.copyOf(order);
    }

    @Override
    public InputStream open(StoredFile f) {
        return new PositionalInputStream(channel, f.offset(), f.size(), label + ": " + f.name());
    }

    @Override
    public Optional<String> identity(StoredFile f) {
        // changed since it was opened (rewritten in place): nothing can be told without reading
        if (openedAs.isEmpty() || !openedAs.equals(FileIdentity.of(file))) return Optional.empty();
        return Optional.of(openedAs.get() + " at=" + f.offset() + "+" + f.size());
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing useful to do on close
        }
    }

    @Override
    public String toString() {
        return "tar " + file;
    }
}
