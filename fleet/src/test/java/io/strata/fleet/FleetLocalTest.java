package io.strata.fleet;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fleet job in embedded local mode (one Spark session for the class) against the single-machine CLI. */
class FleetLocalTest {
    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = FleetSpark.local();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void testdataFiguresEqualInspectAndWaste(@TempDir Path tmp) throws Exception {
        List<String> archives = FleetSources.expand(FleetSets.TESTDATA, spark.sparkContext().hadoopConfiguration());
        FleetJob.Outcome fleet = FleetJob.run(spark, archives, false);
        new CliFigures(FleetSets.TESTDATA).assertSameFigures(fleet.report());
        assertTrue(fleet.report().errors().isEmpty(), fleet.report().errors().toString());
        // each distinct blob once: fewer scans than the layers the images list
        int layersListed = fleet.report().imageLayers().size();
        assertTrue(fleet.report().totals().distinctBlobs() < layersListed,
                fleet.report().totals().distinctBlobs() + " blobs for " + layersListed + " layers");

        // the tables hold the same figures
        Path out = tmp.resolve("tables");
        FleetTables.write(spark, out.toString(), fleet.report(), null, fleet.packages());
        Dataset<Row> images = spark.read().parquet(out.resolve("images").toString());
        assertEquals(fleet.report().images().size(), images.count());
        Row sums = images.selectExpr("sum(logicalBytes)", "sum(wastedBytes)").first();
        assertEquals(fleet.report().totals().logicalBytes(), sums.getLong(0));
        assertEquals(fleet.report().totals().wastedBytes(), sums.getLong(1));
        Row totals = spark.read().parquet(out.resolve("fleet").toString()).first();
        assertEquals(fleet.report().totals().realBytes(), totals.<Long>getAs("realBytes"));
        assertEquals(fleet.report().totals().contentDedupBytes(), totals.<Long>getAs("contentDedupBytes"));
        assertEquals(0, spark.read().parquet(out.resolve("errors").toString()).count());
    }

    @Test
    void generatedSetFiguresEqualInspectAndWaste(@TempDir Path tmp) throws Exception {
        Path set = FleetSets.generated(tmp.resolve("set"), 8, 6);
        List<String> args = List.of(set.toString());
        List<String> archives = FleetSources.expand(args, spark.sparkContext().hadoopConfiguration());
        FleetJob.Outcome fleet = FleetJob.run(spark, archives, true);
        new CliFigures(args).assertSameFigures(fleet.report());
        // 6 apps over two bases: os, runtime, and two layers per app (archives 6 and 7 repeat apps 0 and 1)
        assertEquals(2 + 2 * 6, fleet.report().totals().distinctLayers());
        assertEquals(8, fleet.report().totals().images());
        // the files table: every visible path of each image, as many as waste's merge saw
        long files = fleet.files().count();
        assertEquals(fleet.report().images().stream().mapToLong(FleetReport.ImageFigures::files).sum(), files);
    }

    @Test
    void aCorruptArchiveIsOneErrorAndTheFleetGoesOn(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("mixed"));
        Files.copy(Path.of("../testdata/versions/webapp-v1.docker-save.tar"), dir.resolve("a-good.tar"));
        Files.copy(Path.of("../testdata/pair/pair.docker-save.tar"), dir.resolve("b-good.tar"));
        FleetSets.truncated(Path.of("../testdata/versions/webapp-v2.docker-save.tar"), dir.resolve("c-truncated.tar"));
        FleetSets.damagedLayer(Path.of("../testdata/sample/sample.oci-layout-gzip.tar"), dir.resolve("d-damaged.tar"));
        List<String> archives = FleetSources.expand(List.of(dir.toString()), spark.sparkContext().hadoopConfiguration());
        FleetReport r = FleetJob.run(spark, archives, false).report();

        List<String> stages = r.errors().stream().map(e -> e.archive().replaceAll(".*/", "") + " " + e.stage()).toList();
        assertEquals(List.of("c-truncated.tar list", "d-damaged.tar scan", "d-damaged.tar merge"), stages);
        assertTrue(r.errors().get(0).message().startsWith(dir.resolve("c-truncated.tar").toString() + ": "),
                r.errors().get(0).message());
        assertTrue(r.errors().get(1).message().contains("d-damaged.tar: layer "), r.errors().get(1).message());
        assertEquals(1, r.totals().archivesFailed());
        assertEquals(1, r.totals().imagesFailed());
        // the readable ones are analysed as the CLI analyses them alone
        new CliFigures(List.of(dir.resolve("a-good.tar").toString(), dir.resolve("b-good.tar").toString()))
                .assertSameFigures(withoutFailures(r));

        // the command: tables written, every error on standard error, exit 2
        StringWriter out = new StringWriter(), err = new StringWriter();
        Path tables = tmp.resolve("out");
        int code = FleetMain.run(new String[]{dir.toString(), "-o", tables.toString()}, new PrintWriter(out),
                new PrintWriter(err), Map.of());
        assertEquals(2, code, err.toString());
        assertEquals(3, err.toString().lines().filter(l -> l.startsWith("strata: ")).count(), err.toString());
        assertEquals(3, spark.read().parquet(tables.resolve("errors").toString()).count());
        assertTrue(out.toString().startsWith("Fleet: 4 archives (1 unreadable), 3 images (1 not analysed)"),
                out.toString());
    }

    /** The report of the archives that could be read, as the CLI would total them (no failed archive counted). */
    private static FleetReport withoutFailures(FleetReport r) {
        FleetReport.Totals t = r.totals();
        return new FleetReport(new FleetReport.Totals(t.archives() - 2, 0, t.images(), 0, t.distinctLayers(),
                t.distinctBlobs(), 0, t.logicalBytes(), t.realBytes(), t.storedBytes(), t.contentDedupBytes(),
                t.squashedBytes(), t.wastedBytes(), t.duplicateBytes(), 0), r.images(), r.layers(), r.imageLayers(),
                List.of(), r.packagesByEcosystem());
    }

    @Test
    void aTaskThatFailsOnceIsRetriedAndTheResultsAreTheSame() throws Exception {
        List<String> archives = FleetSources.expand(List.of("../testdata/pair", "../testdata/versions"),
                spark.sparkContext().hadoopConfiguration());
        FleetReport clean = FleetJob.run(spark, archives, false).report();
        String victim = clean.layers().get(0).blobKey();
        AtomicInteger failedTasks = new AtomicInteger();
        SparkListener listener = new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                if (!end.taskInfo().successful()) failedTasks.incrementAndGet();
            }
        };
        spark.sparkContext().addSparkListener(listener);
        System.setProperty(FleetJob.FAIL_FIRST_ATTEMPT, victim);
        FleetReport retried;
        try {
            retried = FleetJob.run(spark, archives, false).report();
        } finally {
            System.clearProperty(FleetJob.FAIL_FIRST_ATTEMPT);
            spark.sparkContext().listenerBus().waitUntilEmpty();
            spark.sparkContext().removeSparkListener(listener);
        }
        assertEquals(1, failedTasks.get(), "the scan of " + victim + " failed once");
        assertEquals(clean, retried);
        assertNotEquals(0, retried.totals().logicalBytes());
    }

    @Test
    void badSourcesAndAnExistingOutputAreRefusedBeforeSparkStarts(@TempDir Path tmp) throws Exception {
        assertEquals(2, exit(tmp.resolve("nothing-here").toString()));
        Files.createDirectories(tmp.resolve("empty"));
        assertEquals(2, exit(tmp.resolve("empty").toString()));
        Path taken = Files.createDirectories(tmp.resolve("taken"));
        Files.writeString(taken.resolve("keep.txt"), "mine");
        assertEquals(2, exit("../testdata/versions", "-o", taken.toString()));
        assertEquals("mine", Files.readString(taken.resolve("keep.txt")));
        assertEquals(2, exit("../testdata/versions", "--format", "xml"));
    }

    @Test
    void aListFileAndAFileUriNameTheSameArchives(@TempDir Path tmp) throws Exception {
        Path list = tmp.resolve("fleet.list");
        Path v1 = Path.of("../testdata/versions/webapp-v1.docker-save.tar").toAbsolutePath().normalize();
        Files.writeString(list, "# two releases\n" + v1 + "\n\n"
                + Path.of("../testdata/versions/webapp-v2.docker-save.tar").toAbsolutePath().normalize().toUri() + "\n");
        List<String> archives = FleetSources.expand(List.of(list.toString()), spark.sparkContext().hadoopConfiguration());
        assertEquals(2, archives.size());
        assertTrue(archives.get(1).startsWith("file:"), archives.get(1));
        // the file: URI is read through Hadoop's FileSystem API, the plain path directly: the same figures
        FleetReport viaList = FleetJob.run(spark, archives, false).report();
        FleetReport direct = FleetJob.run(spark, List.of(v1.toString(),
                Path.of("../testdata/versions/webapp-v2.docker-save.tar").toAbsolutePath().normalize().toString()),
                false).report();
        assertEquals(direct.totals(), viaList.totals());
        List<Long> a = new ArrayList<>(), b = new ArrayList<>();
        viaList.images().forEach(i -> a.add(i.wastedBytes() * 31 + i.squashedBytes()));
        direct.images().forEach(i -> b.add(i.wastedBytes() * 31 + i.squashedBytes()));
        assertEquals(b, a);
    }

    @Test
    void anArchiveCompressedWholeIsOpenedAgainByTheTaskThatScansItsBlob(@TempDir Path tmp) throws Exception {
        Path gz = tmp.resolve("webapp-v1.docker-save.tar.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(Path.of("../testdata/versions/webapp-v1.docker-save.tar"), out);
        }
        List<String> args = List.of(gz.toString(), "../testdata/versions/webapp-v2.docker-save.tar");
        FleetReport r = FleetJob.run(spark, FleetSources.expand(args, spark.sparkContext().hadoopConfiguration()),
                false).report();
        assertTrue(r.errors().isEmpty(), r.errors().toString());
        new CliFigures(args).assertSameFigures(r);
    }

    /** One layer: a 100-byte file and a symlink to a 12-byte target, under {@code dir}. */
    private static byte[] symlinkLayer(String dir) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(out)) {
            var f = new org.apache.commons.compress.archivers.tar.TarArchiveEntry(dir + "/data.bin");
            f.setSize(100);
            tar.putArchiveEntry(f);
            tar.write(new byte[100]);
            tar.closeArchiveEntry();
            var l = new org.apache.commons.compress.archivers.tar.TarArchiveEntry(dir + "/info-link",
                    org.apache.commons.compress.archivers.tar.TarConstants.LF_SYMLINK);
            l.setLinkName("etc/info.txt");
            tar.putArchiveEntry(l);
            tar.closeArchiveEntry();
        }
        return out.toByteArray();
    }

    @Test
    void buildKitLayersAreMeasuredAsBuildKitAndInspectMeasureThem(@TempDir Path tmp) throws Exception {
        // a docker-archive with a classic step and a BuildKit step (its history comment), each a file and a symlink
        byte[] classic = symlinkLayer("classic");
        byte[] buildKit = symlinkLayer("buildkit");
        String config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                + sha256(classic) + "\",\"" + sha256(buildKit) + "\"]},\"history\":["
                + "{\"created_by\":\"/bin/sh -c ln -s etc/info.txt /classic/info-link\"},"
                + "{\"created_by\":\"RUN /bin/sh -c ln -s etc/info.txt /buildkit/info-link # buildkit\","
                + "\"comment\":\"buildkit.dockerfile.v0\"}]}";
        String manifest = "[{\"Config\":\"config.json\",\"RepoTags\":[\"bk:1\"],\"Layers\":[\"l0.tar\",\"l1.tar\"]}]";
        Path archive = tmp.resolve("buildkit.docker-archive.tar");
        try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(Files.newOutputStream(archive))) {
            for (Object[] e : new Object[][]{{"manifest.json", manifest.getBytes()}, {"config.json", config.getBytes()},
                    {"l0.tar", classic}, {"l1.tar", buildKit}}) {
                var entry = new org.apache.commons.compress.archivers.tar.TarArchiveEntry((String) e[0]);
                entry.setSize(((byte[]) e[1]).length);
                tar.putArchiveEntry(entry);
                tar.write((byte[]) e[1]);
                tar.closeArchiveEntry();
            }
        }
        // with a classic image beside it (the CLI's JSON for a set of archives is what CliFigures reads)
        List<String> args = List.of(archive.toString(), "../testdata/versions/webapp-v1.docker-save.tar");
        FleetReport r = FleetJob.run(spark, FleetSources.expand(args, spark.sparkContext().hadoopConfiguration()),
                false).report();
        assertTrue(r.errors().isEmpty(), r.errors().toString());
        // from the bytes: the classic layer counts the 12-byte target, BuildKit's its 100-byte file only
        FleetReport.ImageFigures mixed = r.images().stream().filter(i -> i.archive().endsWith("buildkit.docker-archive.tar"))
                .findFirst().orElseThrow();
        assertEquals(100 + 12 + 100, mixed.logicalBytes());
        List<Long> perLayer = r.imageLayers().stream().filter(l -> l.archive().equals(mixed.archive()))
                .map(FleetReport.ImageLayer::contentBytes).toList();
        assertEquals(List.of(112L, 100L), perLayer);
        new CliFigures(args).assertSameFigures(r);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return "sha256:" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void packagesEqualThePackagesCommand(@TempDir Path tmp) throws Exception {
        List<String> args = List.of("../testdata/packages/dpkg-layers.oci-archive.tar",
                "../testdata/versions/webapp-v1.docker-save.tar");
        FleetJob.Outcome fleet = FleetJob.run(spark, FleetSources.expand(args,
                spark.sparkContext().hadoopConfiguration()), false);
        CliPackages cli = new CliPackages(args);
        List<String> rows = new ArrayList<>();
        for (ImageResult.PackageRow p : fleet.packages().collect()) rows.add(CliPackages.row(p));
        java.util.Collections.sort(rows);
        assertEquals(cli.rows, rows);
        // and what dpkg-query says of the image's top layer (the facts file): name, version, architecture
        List<String> fleetDebs = new ArrayList<>();
        for (ImageResult.PackageRow p : fleet.packages().collect()) {
            if (p.image().contains("dpkg-layers")) fleetDebs.add(p.name() + " " + p.version() + " " + p.arch());
        }
        java.util.Collections.sort(fleetDebs);
        assertEquals(dpkgQueryOfTopLayer(Path.of("../testdata/packages/dpkg-layers.oci-archive.tar.packages.txt")),
                fleetDebs);
        assertEquals(cli.byEcosystem, fleet.report().packagesByEcosystem());
        // the packages table holds them
        Path out = tmp.resolve("tables");
        FleetTables.write(spark, out.toString(), fleet.report(), null, fleet.packages());
        assertEquals(rows.size(), spark.read().parquet(out.resolve("packages").toString()).count());
    }

    /** The packages the last per-layer `dpkg-query -W` block of a facts file lists, as "name version arch". */
    private static List<String> dpkgQueryOfTopLayer(Path facts) throws java.io.IOException {
        List<String> block = new ArrayList<>();
        boolean inQuery = false;
        for (String line : Files.readAllLines(facts)) {
            if (line.startsWith("== ")) {
                inQuery = line.matches("== layer \\d+: dpkg-query .*");
                if (inQuery) block.clear();
            } else if (inQuery && !line.isBlank()) {
                String[] f = line.trim().split(" ");
                block.add(f[0] + " " + f[1] + " " + f[2]);
            }
        }
        java.util.Collections.sort(block);
        return block;
    }

    private static int exit(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = FleetMain.run(args, new PrintWriter(out), new PrintWriter(err), Map.of());
        assertTrue(err.toString().startsWith("strata: "), err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
        return code;
    }
}
