package io.strata.extract;

import io.strata.layer.EntryKind;
import io.strata.layer.LayerEntryStreamer;
import io.strata.layer.LayerException;
import io.strata.layer.LayerIndex;
import io.strata.layer.LayerScanner;
import io.strata.tree.FileTree;
import io.strata.tree.VisibleFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes an image's merged filesystem as one tar (like {@code crane export} / {@code docker export}), streaming:
 * directories first (from the merged tree), then each layer is read again in order and only the entries that won
 * are copied, then hardlinks, which must follow the file they name. Whiteouts are applied, never written; names
 * are the normalised in-image paths, so nothing in the output can point outside the folder it is unpacked in.
 */
public final class RootfsExporter {
    private RootfsExporter() {
    }

    /** Opens a layer's stored blob by position in the image. */
    public interface LayerSource {
        InputStream open(int layer) throws IOException;
    }

    /** What was written; hardlinks whose target is missing from the image are skipped and listed. */
    public record Summary(long entries, long fileBytes, List<String> skipped) {
        public Summary {
            skipped = List.copyOf(skipped);
        }
    }

    public static Summary export(FileTree tree, LayerSource source, LayerScanner.Options options, OutputStream out)
            throws LayerException, IOException {
        return new Writer(tree, options, out).run(source);
    }

    private static final class Writer {
        private final FileTree tree;
        private final LayerScanner.Options options;
        private final TarArchiveOutputStream tar;
        /** per layer, the entries to copy from it: ordinal to the visible path it is written as */
        private final Map<Integer, Map<Integer, VisibleFile>> streamed = new TreeMap<>();
        private final Map<Long, VisibleFile> primaryByInode = new HashMap<>();
        private final List<VisibleFile> hardlinks = new ArrayList<>();
        private final List<String> skipped = new ArrayList<>();
        private long entries;
        private long fileBytes;

        Writer(FileTree tree, LayerScanner.Options options, OutputStream out) {
            this.tree = tree;
            this.options = options;
            this.tar = new TarArchiveOutputStream(new FilterOutputStream(out) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    out.flush(); // the caller owns the stream
                }
            }, "UTF-8");
            // long and non-ASCII names go into PAX records written here (see paxFor); big numbers in base-256
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_ERROR);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_STAR);
        }

        Summary run(LayerSource source) throws LayerException, IOException {
            List<VisibleFile> visible = tree.visible();
            plan(visible);
            for (VisibleFile f : visible) {
                if (f.kind() == EntryKind.DIR) put(header(f, f.path().relative() + "/", TarConstants.LF_DIR));
            }
            for (Map.Entry<Integer, Map<Integer, VisibleFile>> layer : streamed.entrySet()) {
                copyFrom(layer.getKey(), layer.getValue(), source);
            }
            for (VisibleFile link : hardlinks) {
                TarArchiveEntry e = header(link, link.path().relative(), TarConstants.LF_LINK);
                e.setLinkName(primaryByInode.get(link.inodeKey()).path().relative());
                put(e);
            }
            tar.finish();
            tar.flush();
            return new Summary(entries, fileBytes, skipped);
        }

        /** Decides, from the merged tree alone, which stored entry each visible path is written from. */
        private void plan(List<VisibleFile> visible) {
            for (VisibleFile f : visible) {
                switch (f.kind()) {
                    case FILE -> {
                        primaryByInode.put(f.inodeKey(), f);
                        stream(f.layer(), f.entry(), f);
                    }
                    case SYMLINK, CHAR, BLOCK, FIFO -> stream(f.layer(), f.entry(), f);
                    default -> {
                    }
                }
            }
            for (VisibleFile f : visible) {
                if (f.kind() != EntryKind.HARDLINK) continue;
                if (f.contentEntry() < 0) {
                    skipped.add(f.path().absolute() + " (hardlink to a file that is not in the image)");
                } else if (primaryByInode.containsKey(f.inodeKey())) {
                    hardlinks.add(f);
                } else {
                    // the file it links to was deleted or replaced later: this path carries the bytes now
                    primaryByInode.put(f.inodeKey(), f);
                    stream(f.contentLayer(), f.contentEntry(), f);
                }
            }
        }

        private void stream(int layer, int entry, VisibleFile as) {
            streamed.computeIfAbsent(layer, k -> new HashMap<>()).put(entry, as);
        }

        private void copyFrom(int layer, Map<Integer, VisibleFile> wanted, LayerSource source)
                throws LayerException, IOException {
            LayerIndex index = tree.layers().get(layer);
            int[] left = {wanted.size()};
            try (InputStream in = source.open(layer)) {
                LayerEntryStreamer.stream(in, index, options, (i, header, content) -> {
                    VisibleFile f = wanted.get(i);
                    if (f == null) return true;
                    write(f, index, i, header, content);
                    return --left[0] > 0;
                });
            } catch (LayerException e) {
                throw new LayerException("layer " + layer + ": " + e.getMessage(), e);
            }
            if (left[0] > 0) throw new LayerException("layer " + layer + ": " + left[0] + " entries were not found again");
        }

        private void write(VisibleFile f, LayerIndex index, int i, TarArchiveEntry original, InputStream content)
                throws IOException {
            String name = f.path().relative();
            switch (index.kind(i)) {
                case FILE -> {
                    TarArchiveEntry e = header(f, name, TarConstants.LF_NORMAL);
                    e.setSize(index.size(i));
                    begin(e);
                    fileBytes += EntryCopier.copyChecked(content, tar, index, i);
                    tar.closeArchiveEntry();
                    entries++;
                }
                case SYMLINK -> {
                    TarArchiveEntry e = header(f, name, TarConstants.LF_SYMLINK);
                    e.setLinkName(f.linkTarget().orElse(""));
                    put(e);
                }
                default -> {
                    TarArchiveEntry e = header(f, name, original.getLinkFlag());
                    e.setDevMajor(original.getDevMajor());
                    e.setDevMinor(original.getDevMinor());
                    put(e);
                }
            }
        }

        private TarArchiveEntry header(VisibleFile f, String name, byte type) {
            TarArchiveEntry e = new TarArchiveEntry(name, type, true);
            e.setMode((e.getMode() & ~07777) | (f.mode() & 07777));
            e.setUserId(f.uid());
            e.setGroupId(f.gid());
            e.setUserName("");
            e.setGroupName("");
            e.setModTime(f.mtime() * 1000);
            f.xattrs().forEach((k, v) -> e.addPaxHeader("SCHILY.xattr." + k, v));
            return e;
        }

        private void put(TarArchiveEntry e) throws IOException {
            begin(e);
            tar.closeArchiveEntry();
            entries++;
        }

        /**
         * Starts an entry. A name or link target that does not fit the 100-byte ustar field (or is not ASCII) goes
         * into a PAX record written here, with a short stand-in in the header: commons-compress would otherwise
         * shorten the name one character at a time, re-encoding it each time, quadratic in its length.
         */
        private void begin(TarArchiveEntry e) throws IOException {
            java.io.ByteArrayOutputStream records = new java.io.ByteArrayOutputStream();
            String name = e.getName();
            if (!fitsUstar(name)) {
                PaxRecords.record(records, "path", name);
                e.setName(name.endsWith("/") ? "long-name/" : "long-name");
            }
            if (!e.getLinkName().isEmpty() && !fitsUstar(e.getLinkName())) {
                PaxRecords.record(records, "linkpath", e.getLinkName());
                e.setLinkName("long-link");
            }
            // an id past the octal field goes in base-256 too, which some readers (commons-compress) truncate
            if (e.getLongUserId() >>> 21 != 0) PaxRecords.record(records, "uid", Long.toString(e.getLongUserId()));
            if (e.getLongGroupId() >>> 21 != 0) PaxRecords.record(records, "gid", Long.toString(e.getLongGroupId()));
            e.getExtraPaxHeaders().forEach((k, v) -> PaxRecords.record(records, k, v));
            e.clearExtraPaxHeaders();
            if (records.size() > 0) {
                byte[] data = records.toByteArray();
                TarArchiveEntry pax = new TarArchiveEntry("PaxHeaders/" + entries, TarConstants.LF_PAX_EXTENDED_HEADER_LC, true);
                pax.setSize(data.length);
                tar.putArchiveEntry(pax);
                tar.write(data);
                tar.closeArchiveEntry();
            }
            tar.putArchiveEntry(e);
        }

        private static boolean fitsUstar(String s) {
            if (s.length() >= TarConstants.NAMELEN) return false;
            for (int i = 0; i < s.length(); i++) if (s.charAt(i) >= 0x80) return false;
            return true;
        }
    }
}
