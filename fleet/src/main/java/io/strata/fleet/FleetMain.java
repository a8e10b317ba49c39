package io.strata.fleet;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code strata fleet SOURCE... [-o OUTDIR] [--master URL]}: the Spark job's entry point, run by the launcher
 * (embedded, local mode) or by spark-submit on a cluster (which sets the master itself).
 */
@Command(name = "strata fleet", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Analyses a fleet of archives on Apache Spark: each distinct layer blob scanned once, "
                + "per-image and fleet-wide figures, Parquet tables.")
public final class FleetMain implements Callable<Integer> {
    /** Local mode on every core, each task tried up to 4 times (plain local mode would never retry). */
    static final String LOCAL_MASTER = "local[*,4]";

    @Parameters(arity = "1..*", paramLabel = "SOURCE",
            description = "A folder of archives, a list file (*.txt, *.list: one archive per line), an archive, "
                    + "or any of these as a Hadoop URI (file:, hdfs:, s3a:).")
    List<String> sources;

    @Option(names = {"-o", "--output"}, paramLabel = "OUTDIR",
            description = "Write the tables as Parquet under OUTDIR (a new folder; never written over).")
    String outDir;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (spark://HOST:PORT, yarn, k8s://...); default: embedded local mode, or what "
                    + "spark-submit set.")
    String master;

    @Option(names = "--files", description = "Also write the files table (every visible path of every image).")
    boolean files;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json.")
    String format;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10", description = "Rows in the summary's lists.")
    int top;

    private PrintWriter out;
    private PrintWriter err;
    private Map<String, String> settings = Map.of();

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(run(args, out, err, Map.of()));
    }

    /** Runs the command; {@code settings} are extra Spark settings (the tests' cluster). Returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> settings) {
        FleetMain command = new FleetMain();
        command.out = out;
        command.err = err;
        command.settings = settings;
        CommandLine cl = new CommandLine(command).setOut(out).setErr(err);
        cl.setExecutionExceptionHandler((e, c, p) -> {
            err.println("strata: internal error: " + e);
            err.flush();
            return 3;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        if (!format.equals("text") && !format.equals("json")) return usage("--format " + format + ": text or json");
        if (top < 0) return usage("--top " + top + ": must be 0 or more");
        Configuration hadoop = new Configuration();
        List<String> archives;
        try {
            archives = FleetSources.expand(sources, hadoop);
            if (outDir != null) {
                org.apache.hadoop.fs.Path o = new org.apache.hadoop.fs.Path(outDir);
                FileSystem fs = o.getFileSystem(hadoop);
                if (fs.exists(o)) return usage(outDir + ": already exists; the fleet writes its tables to a new folder");
            }
        } catch (FleetSources.SourceException e) {
            return usage(e.getMessage());
        } catch (java.io.IOException e) {
            return usage(outDir + ": " + e.getMessage());
        }
        // a session already running in this JVM (a test's, a notebook's) is used and left running
        boolean ours = SparkSession.getActiveSession().isEmpty() && SparkSession.getDefaultSession().isEmpty();
        SparkSession spark = SparkSession.builder().config(sparkConf()).getOrCreate();
        try {
            FleetJob.Outcome outcome = FleetJob.run(spark, archives, files);
            if (outDir != null) FleetTables.write(spark, outDir, outcome.report(), outcome.files(), outcome.packages());
            for (FleetError e : outcome.report().errors()) err.println("strata: " + e.message());
            err.flush();
            if (format.equals("json")) FleetSummary.json(outcome.report(), top, outDir, out);
            else FleetSummary.text(outcome.report(), top, outDir, out);
            return outcome.report().errors().isEmpty() ? 0 : 2;
        } finally {
            if (ours) spark.stop();
        }
    }

    private SparkConf sparkConf() {
        SparkConf conf = new SparkConf().setAppName("strata fleet");
        if (master != null) conf.setMaster(master);
        if (!conf.contains("spark.master")) {
            conf.setMaster(LOCAL_MASTER);
            // embedded: nothing listens beyond this machine, no web UI
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            conf.setIfMissing("spark.ui.enabled", "false");
        }
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        conf.setIfMissing("spark.task.maxFailures", "4");
        settings.forEach(conf::set);
        return conf;
    }

    private int usage(String message) {
        err.println("strata: " + message);
        err.flush();
        return 2;
    }
}
