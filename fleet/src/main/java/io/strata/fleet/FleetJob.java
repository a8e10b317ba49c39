package io.strata.fleet;

import io.strata.layer.LayerIndex;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fleet job (DESIGN section 9). The unit of work is a distinct layer blob: (1) every archive is listed on an
 * executor, (2) the driver keeps one task per distinct blob key fleet-wide, (3) each blob is scanned once with the
 * CLI's LayerScanner into its serialised LayerIndex, (4) each image's indexes are joined back and merged in
 * manifest order as the session does (tree.LayerStack), then the CLI's WasteAnalysis and PackageInventory run on
 * it, (5) the driver adds up the fleet. Distinct file contents and packages are counted on the executors; the
 * driver holds figures, never indexes.
 */
public final class FleetJob {
    /** Spark setting (or system property) naming a blob key whose scan fails on its first attempt: a test hook. */
    public static final String FAIL_FIRST_ATTEMPT = "spark.strata.failFirstAttemptOf";

    private FleetJob() {
    }

    /** What the job produced: the report, and the files table's rows when they were asked for (else null). */
    public record Outcome(FleetReport report, JavaRDD<ImageResult.FileRow> files,
                          JavaRDD<ImageResult.PackageRow> packages) {
    }

    public static Outcome run(SparkSession spark, List<String> archives, boolean withFiles) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<HadoopConf> conf = jsc.broadcast(new HadoopConf(jsc.hadoopConfiguration()));
        String hook = jsc.getConf().get(FAIL_FIRST_ATTEMPT, System.getProperty(FAIL_FIRST_ATTEMPT));
        List<FleetError> errors = new ArrayList<>();

        // (1) list every archive, one task each
        jsc.setJobDescription("strata fleet: list " + archives.size() + " archives");
        List<ArchiveListing> listings = jsc.parallelize(archives, Math.max(1, archives.size()))
                .map(a -> ArchiveLister.list(a, conf.value().get())).collect();

        // (2) one task per distinct blob key, fleet-wide; the first archive that stores it reads it
        Map<String, FleetLayer> distinct = new LinkedHashMap<>();
        List<FleetImage> images = new ArrayList<>();
        Set<String> archivesUsing = new HashSet<>();
        for (ArchiveListing l : listings) {
            if (l.error() != null) {
                errors.add(new FleetError(l.archive(), null, null, "list", l.error()));
                continue;
            }
            for (FleetImage image : l.images()) {
                FleetLayer missing = image.layers().stream().filter(x -> x.location() == null).findFirst().orElse(null);
                if (missing != null) {
                    errors.add(new FleetError(image.archive(), image.name(), missing.key(), "list", image.archive()
                            + ": layer " + missing.index() + " of " + image.name() + " is not in the archive"));
                    continue;
                }
                images.add(image);
                for (FleetLayer layer : image.layers()) {
                    distinct.putIfAbsent(layer.key(), layer);
                    archivesUsing.add(layer.key() + "\n" + image.archive());
                }
            }
        }

        // (3) scan each distinct blob once; largest first, so the run does not end on one big blob
        List<FleetLayer> tasks = new ArrayList<>(distinct.values());
        tasks.sort(Comparator.comparingLong((FleetLayer x) -> x.location().size()).reversed());
        jsc.setJobDescription("strata fleet: scan " + tasks.size() + " distinct layer blobs");
        JavaRDD<ScannedBlob> scanned = jsc.parallelize(tasks, Math.max(1, tasks.size()))
                .map(x -> BlobScanner.scan(x, conf.value().get(), hook));
        scanned.persist(StorageLevel.MEMORY_AND_DISK_SER());
        Map<String, ScannedBlob> blobs = new LinkedHashMap<>();
        for (ScannedBlob b : scanned.map(ScannedBlob::withoutIndex).collect()) blobs.put(b.key(), b);
        for (ScannedBlob b : blobs.values()) {
            if (b.error() != null) errors.add(new FleetError(b.archive(), null, b.key(), "scan", b.error()));
        }

        // (4) per image, its layers' indexes in manifest order, merged
        List<FleetImage> ready = new ArrayList<>();
        List<Tuple2<String, Tuple2<String, Integer>>> uses = new ArrayList<>();
        for (FleetImage image : images) {
            FleetLayer bad = image.layers().stream().filter(x -> blobs.get(x.key()).error() != null).findFirst()
                    .orElse(null);
            if (bad != null) {
                errors.add(new FleetError(image.archive(), image.name(), bad.key(), "merge", image.archive() + ": "
                        + image.name() + ": layer " + bad.index() + " could not be read: " + blobs.get(bad.key()).error()));
                continue;
            }
            ready.add(image);
            for (int i = 0; i < image.layers().size(); i++) {
                uses.add(new Tuple2<>(image.layers().get(i).key(), new Tuple2<>(image.id(), i)));
            }
        }
        Map<String, FleetImage> byId = new HashMap<>();
        for (FleetImage image : ready) byId.put(image.id(), image);
        Broadcast<Map<String, FleetImage>> imageById = jsc.broadcast(byId);
        int parts = Math.max(1, Math.min(ready.size(), 4 * jsc.defaultParallelism()));
        JavaPairRDD<String, byte[]> indexes = scanned.filter(b -> b.error() == null)
                .mapToPair(b -> new Tuple2<>(b.key(), b.index()));
        jsc.setJobDescription("strata fleet: merge " + ready.size() + " images");
        JavaRDD<ImageResult> merged = jsc.parallelizePairs(uses, parts).join(indexes, parts)
                .mapToPair(t -> new Tuple2<>(t._2()._1()._1(), new Tuple2<>(t._2()._1()._2(), t._2()._2())))
                .groupByKey(parts)
                .map(t -> ImageMerge.merge(imageById.value().get(t._1()), t._2(), withFiles));
        merged.persist(StorageLevel.MEMORY_AND_DISK_SER()); // figures, packages (and files) are read from it
        Map<String, ImageResult> results = new HashMap<>();
        for (ImageResult r : merged.map(ImageResult::figuresOnly).collect()) results.put(r.imageId(), r);

        List<FleetImage> analysed = new ArrayList<>();
        for (FleetImage image : ready) {
            ImageResult r = results.get(image.id());
            if (r == null || r.error() != null) {
                errors.add(new FleetError(image.archive(), image.name(), null, "merge",
                        r == null ? image.archive() + ": " + image.name() + ": not merged" : r.error()));
            } else {
                analysed.add(image);
            }
        }

        // (5) the fleet: distinct file contents counted over one blob per distinct diffId of the analysed images
        Set<String> onePerDiffId = new HashSet<>();
        Set<String> seenDiffIds = new HashSet<>();
        for (FleetImage image : analysed) {
            for (FleetLayer layer : image.layers()) {
                if (seenDiffIds.add(blobs.get(layer.key()).diffId())) onePerDiffId.add(layer.key());
            }
        }
        Broadcast<Set<String>> counted = jsc.broadcast(onePerDiffId);
        jsc.setJobDescription("strata fleet: distinct file contents");
        long contentDedup = scanned.filter(b -> b.error() == null && counted.value().contains(b.key()))
                .flatMapToPair(b -> contentDigests(b).iterator())
                .reduceByKey((a, b) -> a, parts)
                .values().fold(0L, Long::sum);

        // packages by ecosystem: installs (image x package) and distinct (name, version) pairs, counted on executors
        JavaRDD<ImageResult.PackageRow> packages = merged.filter(r -> r.error() == null)
                .flatMap(r -> r.packages().iterator());
        jsc.setJobDescription("strata fleet: packages by ecosystem");
        Map<String, Long> installs = packages.map(ImageResult.PackageRow::ecosystem).countByValue();
        Map<String, Long> distinctPackages = packages.map(p -> p.ecosystem() + "\n" + p.name() + "\n" + p.version())
                .distinct().map(k -> k.substring(0, k.indexOf('\n'))).countByValue();
        Map<String, FleetReport.EcosystemCount> byEcosystem = new java.util.TreeMap<>();
        installs.forEach((e, n) -> byEcosystem.put(e, new FleetReport.EcosystemCount(n, distinctPackages.get(e))));

        FleetReport report = FleetFigures.report(listings, analysed, blobs, results, archivesUsing, contentDedup,
                images.size() - analysed.size() + countMissing(listings), errors, byEcosystem);
        JavaRDD<ImageResult.FileRow> files = withFiles
                ? merged.filter(r -> r.error() == null).flatMap(r -> r.files().iterator()) : null;
        return new Outcome(report, files, packages);
    }

    private static int countMissing(List<ArchiveListing> listings) {
        int n = 0;
        for (ArchiveListing l : listings) {
            for (FleetImage image : l.images()) {
                if (image.layers().stream().anyMatch(x -> x.location() == null)) n++;
            }
        }
        return n;
    }

    /** Each regular file's content digest (its first 128 bits, as the CLI's set figures count them) and size. */
    private static List<Tuple2<Tuple2<Long, Long>, Long>> contentDigests(ScannedBlob b) throws java.io.IOException {
        LayerIndex index = BlobScanner.decode(b.key(), b.index());
        List<Tuple2<Tuple2<Long, Long>, Long>> out = new ArrayList<>();
        for (int i = 0; i < index.size(); i++) {
            if (index.hasDigest(i)) {
                out.add(new Tuple2<>(new Tuple2<>(index.digestWord(i, 0), index.digestWord(i, 1)), index.size(i)));
            }
        }
        return out;
    }
}
