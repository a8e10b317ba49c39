package io.strata.fleet;

import java.util.List;
import java.util.Map;

/** Everything one fleet run found: the rows of its tables and the fleet's totals. */
public record FleetReport(Totals totals, List<ImageFigures> images, List<LayerFigures> layers,
                          List<ImageLayer> imageLayers, List<FleetError> errors,
                          Map<String, EcosystemCount> packagesByEcosystem) {

    /** Packages of one ecosystem across the fleet: installs (image x package) and distinct name-version pairs. */
    public record EcosystemCount(long installs, long distinct) {
    }

    /** The fleet as a whole (the fleet table's one row). Byte figures as DESIGN section 2 defines them. */
    public record Totals(int archives, int archivesFailed, int images, int imagesFailed, int distinctLayers,
                         int distinctBlobs, int blobsFailed, long logicalBytes, long realBytes, long storedBytes,
                         long contentDedupBytes, long squashedBytes, long wastedBytes, long duplicateBytes,
                         int errors) {
    }

    /** One analysed image (images table): inspect's sizes and waste's figures. */
    public record ImageFigures(String archive, int position, String image, List<String> refs, String platform,
                               String manifestDigest, String configDigest, int layers, long logicalBytes,
                               long sharedBytes, long uniqueBytes, long squashedBytes, long wastedBytes,
                               long hardlinkKeptBytes, long duplicateBytes, double efficiency, double diveEfficiency,
                               long diveWastedBytes, double diveUserWastedPercent, int files) {
    }

    /** One distinct blob (layers table), scanned once, and how many images and archives use it. */
    public record LayerFigures(String blobKey, String diffId, String blobDigest, String compression, String mediaType,
                               long compressedBytes, long tarBytes, long contentBytes, int entries, int images,
                               int archives, String readFrom, String error) {
    }

    /** Which layer of which image a blob is (image_layers table), to join images and layers in SQL. */
    public record ImageLayer(String archive, int position, String image, int layer, String blobKey, String diffId,
                             long contentBytes) {
    }
}
