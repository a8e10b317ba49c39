package io.strata.fleet;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

/** The fleet's tables as Parquet under one folder: images, layers, image_layers, fleet, errors, and files on request. */
public final class FleetTables {
    public static final List<String> NAMES = List.of("images", "layers", "image_layers", "packages", "fleet",
            "errors");

    private FleetTables() {
    }

    static void write(SparkSession spark, String outDir, FleetReport r, JavaRDD<ImageResult.FileRow> files,
                      JavaRDD<ImageResult.PackageRow> packages) {
        List<Row> images = new ArrayList<>();
        for (FleetReport.ImageFigures i : r.images()) {
            images.add(RowFactory.create(i.archive(), i.position(), i.image(), i.refs().toArray(new String[0]),
                    i.platform(), i.manifestDigest(), i.configDigest(), i.layers(), i.logicalBytes(), i.sharedBytes(),
                    i.uniqueBytes(), i.squashedBytes(), i.wastedBytes(), i.hardlinkKeptBytes(), i.duplicateBytes(),
                    i.efficiency(), i.diveEfficiency(), i.diveWastedBytes(), i.diveUserWastedPercent(), i.files()));
        }
        save(spark, images, schema("archive string", "position int", "image string", "refs array", "platform string",
                "manifestDigest string", "configDigest string", "layers int", "logicalBytes long",
                "sharedBytes long", "uniqueBytes long", "squashedBytes long", "wastedBytes long",
                "hardlinkKeptBytes long", "duplicateBytes long", "efficiency double", "diveEfficiency double",
                "diveWastedBytes long", "diveUserWastedPercent double", "files int"), outDir, "images");
        List<Row> layers = new ArrayList<>();
        for (FleetReport.LayerFigures l : r.layers()) {
            layers.add(RowFactory.create(l.blobKey(), l.diffId(), l.blobDigest(), l.compression(), l.mediaType(),
                    l.compressedBytes(), l.tarBytes(), l.contentBytes(), l.entries(), l.images(), l.archives(),
                    l.readFrom(), l.error()));
        }
        save(spark, layers, schema("blobKey string", "diffId string", "blobDigest string", "compression string",
                "mediaType string", "compressedBytes long", "tarBytes long", "contentBytes long", "entries int",
                "images int", "archives int", "readFrom string", "error string"), outDir, "layers");
        List<Row> uses = new ArrayList<>();
        for (FleetReport.ImageLayer u : r.imageLayers()) {
            uses.add(RowFactory.create(u.archive(), u.position(), u.image(), u.layer(), u.blobKey(), u.diffId(),
                    u.contentBytes()));
        }
        save(spark, uses, schema("archive string", "position int", "image string", "layer int", "blobKey string",
                "diffId string", "contentBytes long"), outDir, "image_layers");
        FleetReport.Totals t = r.totals();
        save(spark, List.of(RowFactory.create(t.archives(), t.archivesFailed(), t.images(), t.imagesFailed(),
                        t.distinctLayers(), t.distinctBlobs(), t.blobsFailed(), t.logicalBytes(), t.realBytes(),
                        t.storedBytes(), t.contentDedupBytes(), t.squashedBytes(), t.wastedBytes(), t.duplicateBytes(),
                        t.errors())),
                schema("archives int", "archivesFailed int", "images int", "imagesFailed int", "distinctLayers int",
                        "distinctBlobs int", "blobsFailed int", "logicalBytes long", "realBytes long",
                        "storedBytes long", "contentDedupBytes long", "squashedBytes long", "wastedBytes long",
                        "duplicateBytes long", "errors int"), outDir, "fleet");
        List<Row> errors = new ArrayList<>();
        for (FleetError e : r.errors()) {
            errors.add(RowFactory.create(e.archive(), e.image(), e.layer(), e.stage(), e.message()));
        }
        save(spark, errors, schema("archive string", "image string", "layer string", "stage string",
                "message string"), outDir, "errors");
        if (packages != null) {
            JavaRDD<Row> rows = packages.map(p -> RowFactory.create(p.image(), p.ecosystem(), p.name(), p.version(),
                    p.arch(), p.purl(), p.layer(), p.layerDiffId(), p.layerCreatedBy(), p.lastChangedLayer(),
                    p.files(), p.bytes()));
            spark.createDataFrame(rows, schema("image string", "ecosystem string", "name string", "version string",
                            "arch string", "purl string", "layer int", "layerDiffId string", "layerCreatedBy string",
                            "lastChangedLayer int", "files int", "bytes long"))
                    .write().mode(SaveMode.ErrorIfExists).parquet(outDir + "/packages");
        }
        if (files != null) {
            JavaRDD<Row> rows = files.map(f -> RowFactory.create(f.image(), f.path(), f.type(), f.mode(), f.uid(),
                    f.gid(), f.size(), f.sha256(), f.linkTarget(), f.layer()));
            spark.createDataFrame(rows, schema("image string", "path string", "type string", "mode int", "uid long",
                            "gid long", "size long", "sha256 string", "linkTarget string", "layer int"))
                    .write().mode(SaveMode.ErrorIfExists).parquet(outDir + "/files");
        }
    }

    private static void save(SparkSession spark, List<Row> rows, StructType schema, String outDir, String name) {
        spark.createDataFrame(rows, schema).coalesce(1).write().mode(SaveMode.ErrorIfExists)
                .parquet(outDir + "/" + name);
    }

    /** Columns as "name type": string, int, long, double, or array (of strings). */
    private static StructType schema(String... columns) {
        List<StructField> fields = new ArrayList<>();
        for (String c : columns) {
            String[] p = c.split(" ");
            DataType type = switch (p[1]) {
                case "string" -> DataTypes.StringType;
                case "int" -> DataTypes.IntegerType;
                case "long" -> DataTypes.LongType;
                case "double" -> DataTypes.DoubleType;
                case "array" -> DataTypes.createArrayType(DataTypes.StringType);
                default -> throw new IllegalArgumentException(c);
            };
            fields.add(DataTypes.createStructField(p[0], type, true));
        }
        return DataTypes.createStructType(fields);
    }
}
