package io.strata.layer;

import io.strata.model.ImagePath;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Reads a layer blob a second time and hands each tar entry that the scanner recorded to a visitor, with its
 * ordinal in the layer's {@link LayerIndex}, so extract and export can copy the bytes of exactly the versions the
 * merged tree chose. Entries the scanner skipped (escaping paths, unknown types, ...) are passed over; an entry
 * is matched to the next recorded ordinal by path, kind and, for files, size.
 */
public final class LayerEntryStreamer {
    private static final String WHITEOUT_PREFIX = ".wh.";
    private static final String OPAQUE_MARKER = ".wh..wh..opq";

    private LayerEntryStreamer() {
    }

    /** Receives recorded entries in tar order. */
    public interface Visitor {
        /**
         * {@code content} reads the entry's bytes (do not close it); whatever is left unread is skipped.
         * Return false to stop reading the layer.
         */
        boolean entry(int ordinal, TarArchiveEntry header, InputStream content) throws IOException;
    }

    /**
     * Streams the layer; a LayerException says the layer could not be read again, an IOException comes from
     * the visitor (its output failed).
     */
    public static void stream(InputStream stored, LayerIndex index, LayerScanner.Options options, Visitor visitor)
            throws LayerException, IOException {
        int next = 0;
        try {
            LayerDecompression.Opened opened = LayerDecompression.open(stored, options.maxInflateRatio());
            GuardedTarInputStream tar = new GuardedTarInputStream(opened.tar(), "ISO-8859-1",
                    GuardedTarInputStream.metadataLimitFor(options.maxPathBytes()));
            InputStream content = new FilterInputStream(tar) {
                @Override
                public void close() {
                    // the visitor must not close the layer stream
                }
            };
            TarArchiveEntry e;
            while (next < index.size() && (e = tar.getNextEntry()) != null) {
                Optional<Recorded> r = recordedAs(tar, e, options.maxPathBytes());
                if (r.isEmpty() || !matches(index, next, r.get(), e)) continue;
                boolean more;
                try {
                    more = visitor.entry(next++, e, content);
                } catch (IOException fromVisitor) {
                    throw new VisitorFailure(fromVisitor);
                }
                if (!more) return;
            }
        } catch (VisitorFailure e) {
            throw e.failure;
        } catch (EOFException e) {
            throw new LayerException("truncated: the layer ends before its tar does");
        } catch (IOException | RuntimeException e) {
            throw new LayerException("corrupt: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()), e);
        }
        if (next < index.size()) {
            throw new LayerException("the layer differs from when it was scanned: entry " + next + " (/"
                    + index.path(next) + ") is not there on a second reading");
        }
    }

    /** Carries the visitor's own IOException past the handlers meant for the layer's. */
    private static final class VisitorFailure extends RuntimeException {
        final IOException failure;

        VisitorFailure(IOException failure) {
            super(failure.getMessage(), failure, false, false);
            this.failure = failure;
        }
    }

    /** The path and kind the scanner records for a tar entry, or empty when it records none. */
    private record Recorded(String path, EntryKind kind) {
    }

    private static boolean matches(LayerIndex index, int ordinal, Recorded r, TarArchiveEntry e) {
        if (index.kind(ordinal) != r.kind() || !index.path(ordinal).equals(r.path())) return false;
        if (r.kind() != EntryKind.FILE) return true;
        long size = e.isSparse() ? e.getRealSize() : e.getSize();
        return index.size(ordinal) == size;
    }

    private static Optional<Recorded> recordedAs(GuardedTarInputStream tar, TarArchiveEntry e, int maxPathBytes) {
        String rawName = TarNames.name(tar, e);
        if (rawName.length() > maxPathBytes) return Optional.empty();
        Optional<ImagePath> normalised = ImagePath.normalise(rawName);
        if (normalised.isEmpty()) return Optional.empty();
        ImagePath path = normalised.get();
        String base = path.name();
        if (base.startsWith(WHITEOUT_PREFIX)) {
            if (base.equals(OPAQUE_MARKER)) return Optional.of(new Recorded(path.parent().relative(), EntryKind.OPAQUE));
            if (base.equals(WHITEOUT_PREFIX) || base.startsWith(WHITEOUT_PREFIX + WHITEOUT_PREFIX)) return Optional.empty();
            ImagePath target = path.parent().child(base.substring(WHITEOUT_PREFIX.length()));
            return Optional.of(new Recorded(target.relative(), EntryKind.WHITEOUT));
        }
        EntryKind kind = LayerScanner.kindOf(e, rawName);
        if (kind == null || (path.isRoot() && kind != EntryKind.DIR)) return Optional.empty();
        if (kind == EntryKind.HARDLINK && ImagePath.normalise(TarNames.linkName(tar, e)).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Recorded(path.relative(), kind));
    }
}
