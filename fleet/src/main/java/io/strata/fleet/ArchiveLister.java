package io.strata.fleet;

import io.strata.analysis.LayerAttribution;
import io.strata.archive.ArchiveException;
import io.strata.archive.ImageArchive;
import io.strata.archive.ImageArchives;
import io.strata.archive.ImageEntry;
import io.strata.archive.Limits;
import io.strata.archive.LayerRef;
import io.strata.archive.StoredFile;
import io.strata.model.Compression;
import io.strata.model.Digest;
import org.apache.hadoop.conf.Configuration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Stage 1: one archive's container images and where each layer blob is stored, read by the CLI's archive code. */
final class ArchiveLister {
    private ArchiveLister() {
    }

    static ArchiveListing list(String archive, Configuration conf) {
        try (ArchivePath.Local local = ArchivePath.Local.of(archive, conf)) {
            String localName = local.path().toString();
            try (ImageArchive a = ImageArchives.open(localName, Limits.DEFAULT)) {
                BlobLocation.Kind kind = kindOf(local.path());
                List<FleetImage> images = new ArrayList<>();
                for (ImageEntry e : a.images()) {
                    if (e.kind() == ImageEntry.Kind.IMAGE) images.add(image(archive, kind, e));
                }
                return new ArchiveListing(archive, a.format(), a.bytes(), images, null);
            } catch (ArchiveException e) {
                return ArchiveListing.failed(archive, relabel(e.getMessage(), localName, archive));
            }
        } catch (IOException e) {
            return ArchiveListing.failed(archive, archive + ": cannot read: " + e.getMessage());
        }
    }

    /** Messages name the archive as the fleet does, not the temporary copy an executor read. */
    private static String relabel(String message, String localName, String archive) {
        if (message == null) return archive + ": unreadable";
        return message.startsWith(localName) ? archive + message.substring(localName.length()) : message;
    }

    private static FleetImage image(String archive, BlobLocation.Kind kind, ImageEntry e) {
        List<FleetLayer> layers = new ArrayList<>();
        List<Boolean> buildKit = LayerAttribution.builtByBuildKit(e.config(), e.layers().size());
        for (LayerRef ref : e.layers()) {
            BlobLocation location = ref.stored()
                    .map(f -> new BlobLocation(archive, kind, f.name(), f.offset(), f.size())).orElse(null);
            layers.add(new FleetLayer(ref.index(), blobKey(archive, ref), ref.mediaType(),
                    ref.declaredDigest().map(Digest::toString).orElse(null),
                    ref.configDiffId().map(Digest::toString).orElse(null), location, buildKit.get(ref.index())));
        }
        List<String> steps = LayerAttribution.createdBy(e.config(), e.layers().size()).stream()
                .map(s -> s.orElse(null)).toList();
        return new FleetImage(archive, e.position(), e.displayName(), e.refs(),
                e.platform().isUnknown() ? null : e.platform().toString(),
                e.manifestDigest().map(Digest::toString).orElse(null), e.configDigest().toString(), layers, steps);
    }

    /**
     * The key under which a blob is scanned once fleet-wide, by the CLI's rule for sharing a scan within a run
     * (LayerLoader.key): the diffId the config claims and the stored blob (the declared digest, or for a
     * docker-archive, which declares none, the stored size). A gzip and a plain copy of one layer are two blobs.
     * Without a claimed diffId the blob is only known in its own archive.
     */
    static String blobKey(String archive, LayerRef ref) {
        if (ref.configDiffId().isPresent()) {
            String blob = ref.declaredDigest().map(Object::toString)
                    .orElseGet(() -> ref.stored().map(f -> "size:" + f.size()).orElse("missing"));
            return "diff:" + ref.configDiffId().get() + "@" + blob;
        }
        return "blob:" + archive + ":" + ref.blobKey();
    }

    /** A folder is an OCI layout; a tar compressed as a whole has its offsets in the decompressed copy. */
    private static BlobLocation.Kind kindOf(Path local) throws IOException {
        if (Files.isDirectory(local)) return BlobLocation.Kind.FILE;
        byte[] head = new byte[8];
        int n;
        try (InputStream in = Files.newInputStream(local)) {
            n = in.readNBytes(head, 0, head.length);
        }
        return Compression.sniff(head, n) == Compression.NONE ? BlobLocation.Kind.TAR : BlobLocation.Kind.REOPEN;
    }

    /** The stored file a location names, for opening it in a re-opened archive. */
    static LayerRef refAt(BlobLocation location) {
        return new LayerRef(0, "", Optional.empty(), Optional.empty(),
                Optional.of(new StoredFile(location.name(), location.offset(), location.size())), Optional.empty());
    }
}
