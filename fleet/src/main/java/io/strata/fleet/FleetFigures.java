package io.strata.fleet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The driver's part of stages 4 and 5: per image inspect's sizes beside waste's figures, per distinct blob how many
 * images use it, and the fleet's totals, all from figures (never from indexes). The rules are inspect's
 * (analysis.SetSizes): a layer is identified by its scanned diffId; an image's sharedBytes are the contentBytes of its
 * layers that another analysed image also uses; realBytes count each distinct diffId once.
 */
final class FleetFigures {
    private FleetFigures() {
    }

    static FleetReport report(List<ArchiveListing> listings, List<FleetImage> analysed, Map<String, ScannedBlob> blobs,
                              Map<String, ImageResult> results, Set<String> archivesUsing, long contentDedupBytes,
                              int imagesFailed, List<FleetError> errors,
                              Map<String, FleetReport.EcosystemCount> packagesByEcosystem) {
        Map<String, Set<String>> usersOfDiffId = new HashMap<>();
        Map<String, Set<String>> usersOfBlob = new HashMap<>();
        for (FleetImage image : analysed) {
            for (FleetLayer layer : image.layers()) {
                usersOfDiffId.computeIfAbsent(blobs.get(layer.key()).diffId(), k -> new HashSet<>()).add(image.id());
                usersOfBlob.computeIfAbsent(layer.key(), k -> new HashSet<>()).add(image.id());
            }
        }
        List<FleetReport.ImageFigures> imageRows = new ArrayList<>();
        List<FleetReport.ImageLayer> imageLayers = new ArrayList<>();
        Map<String, Long> distinctContent = new LinkedHashMap<>();
        long logical = 0, squashed = 0, wasted = 0, duplicates = 0;
        for (FleetImage image : analysed) {
            long imageLogical = 0, shared = 0;
            for (int i = 0; i < image.layers().size(); i++) {
                FleetLayer layer = image.layers().get(i);
                ScannedBlob b = blobs.get(layer.key());
                // BuildKit's layers as BuildKit measures them, as inspect shows them
                long content = b.contentBytes(layer);
                imageLogical += content;
                if (usersOfDiffId.get(b.diffId()).size() > 1) shared += content;
                distinctContent.put(b.diffId(), content);
                imageLayers.add(new FleetReport.ImageLayer(image.archive(), image.position(), image.name(), i, b.key(),
                        b.diffId(), content));
            }
            ImageResult r = results.get(image.id());
            imageRows.add(new FleetReport.ImageFigures(image.archive(), image.position(), image.name(), image.refs(),
                    image.platform(), image.manifestDigest(), image.configDigest(), image.layers().size(),
                    imageLogical, shared, imageLogical - shared, r.squashedBytes(), r.wastedBytes(),
                    r.hardlinkKeptBytes(), r.duplicateBytes(), r.efficiency(), r.diveEfficiency(),
                    r.diveWastedBytes(), r.diveUserWastedPercent(), r.visibleFiles()));
            logical += imageLogical;
            squashed += r.squashedBytes();
            wasted += r.wastedBytes();
            duplicates += r.duplicateBytes();
        }
        Map<String, Integer> archivesOfBlob = new HashMap<>();
        for (String pair : archivesUsing) archivesOfBlob.merge(pair.substring(0, pair.indexOf('\n')), 1, Integer::sum);
        Map<String, String> mediaTypes = new HashMap<>();
        for (ArchiveListing l : listings) {
            for (FleetImage image : l.images()) {
                for (FleetLayer layer : image.layers()) mediaTypes.putIfAbsent(layer.key(), layer.mediaType());
            }
        }
        List<FleetReport.LayerFigures> layerRows = new ArrayList<>();
        long stored = 0;
        int blobsFailed = 0;
        for (ScannedBlob b : blobs.values()) {
            if (b.error() != null) blobsFailed++;
            else stored += b.compressedBytes();
            layerRows.add(new FleetReport.LayerFigures(b.key(), b.diffId(), b.blobDigest(), b.compression(),
                    mediaTypes.get(b.key()), b.compressedBytes(), b.tarBytes(), b.contentBytes(), b.entries(),
                    usersOfBlob.getOrDefault(b.key(), Set.of()).size(), archivesOfBlob.getOrDefault(b.key(), 0),
                    b.archive(), b.error()));
        }
        long real = distinctContent.values().stream().mapToLong(Long::longValue).sum();
        int archivesFailed = (int) listings.stream().filter(l -> l.error() != null).count();
        FleetReport.Totals totals = new FleetReport.Totals(listings.size(), archivesFailed, analysed.size(),
                imagesFailed, distinctContent.size(), blobs.size(), blobsFailed, logical, real, stored,
                contentDedupBytes, squashed, wasted, duplicates, errors.size());
        return new FleetReport(totals, imageRows, layerRows, imageLayers, List.copyOf(errors),
                java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(packagesByEcosystem)));
    }
}
