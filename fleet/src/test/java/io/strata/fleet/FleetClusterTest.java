package io.strata.fleet;

import org.apache.spark.SparkConf;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real distributed run on this machine: a Spark standalone master and two workers (one core, 1 GB each) started
 * as separate JVMs from the Maven-provided Spark jars, on the loopback address only; the job is submitted to
 * spark://127.0.0.1:PORT and its report must equal embedded local mode's and the single-machine CLI's.
 */
class FleetClusterTest {
    private static final long WAIT_SECONDS = 240;

    @Test
    void aStandaloneClusterOfTwoWorkersGivesTheFiguresOfLocalModeAndOfTheCli(@TempDir Path tmp) throws Exception {
        int masterPort = freePort();
        List<String> sources = new ArrayList<>();
        for (String s : List.of("../testdata/pair", "../testdata/versions", "../testdata/multiarch")) {
            sources.add(Path.of(s).toAbsolutePath().normalize().toString()); // executors run in their own folders
        }
        Path sparkHome = Files.createDirectories(tmp.resolve("spark-home/jars")).getParent();
        List<Process> started = new ArrayList<>();
        FleetReport cluster;
        String victim;
        AtomicInteger failed = new AtomicInteger();
        Set<String> executors = ConcurrentHashMap.newKeySet();
        try {
            started.add(daemon(tmp, sparkHome, "master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                    "--port", String.valueOf(masterPort), "--webui-port", String.valueOf(freePort())));
            // the driver gives up on a master that does not answer within a minute: start it first
            awaitListening(masterPort, "master", tmp);
            for (int w = 1; w <= 2; w++) {
                int workerPort = freePort();
                started.add(daemon(tmp, sparkHome, "worker" + w, "org.apache.spark.deploy.worker.Worker",
                        "--host", "127.0.0.1", "--port", String.valueOf(workerPort), "--cores", "1", "--memory", "1g",
                        "--webui-port", String.valueOf(freePort()),
                        "--work-dir", Files.createDirectories(tmp.resolve("work" + w)).toString(),
                        "spark://127.0.0.1:" + masterPort));
                awaitListening(workerPort, "worker" + w, tmp);
            }
            List<String> archives;
            SparkConf conf = FleetSpark.base().setMaster("spark://127.0.0.1:" + masterPort)
                    .set("spark.executor.memory", "512m")
                    .set("spark.executor.cores", "1")
                    .set("spark.cores.max", "2")
                    .set("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                    .set("spark.executor.extraJavaOptions", System.getProperty("spark.jvm.options", ""))
                    .set("spark.task.maxFailures", "4");
            // the first attempt of the scan of the pair's shared base layer fails; Spark runs it again
            victim = "diff:sha256:190d4107ed12";
            conf.set(FleetJob.FAIL_FIRST_ATTEMPT, victim);
            SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
            try {
                awaitExecutors(spark, 2, tmp);
                spark.sparkContext().addSparkListener(new SparkListener() {
                    @Override
                    public void onTaskEnd(SparkListenerTaskEnd end) {
                        executors.add(end.taskInfo().executorId());
                        if (!end.taskInfo().successful()) failed.incrementAndGet();
                    }
                });
                archives = FleetSources.expand(sources, spark.sparkContext().hadoopConfiguration());
                cluster = FleetJob.run(spark, archives, false).report();
                spark.sparkContext().listenerBus().waitUntilEmpty();
            } finally {
                spark.stop();
            }
        } finally {
            for (Process p : started) stop(p);
        }
        assertEquals(Set.of("0", "1"), executors, "tasks ran on both workers' executors");
        assertTrue(failed.get() >= 1, "the scan of " + victim + " failed once and was retried");

        SparkSession local = FleetSpark.local();
        FleetReport embedded;
        try {
            embedded = FleetJob.run(local, FleetSources.expand(sources, local.sparkContext().hadoopConfiguration()),
                    false).report();
        } finally {
            local.stop();
        }
        assertEquals(embedded, cluster);
        new CliFigures(sources).assertSameFigures(cluster);
    }

    /** A free port on the loopback address, or the test is skipped: it needs to listen there. */
    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        } catch (IOException e) {
            Assumptions.abort("cannot bind a port on 127.0.0.1 (" + e.getMessage() + "): the cluster test is skipped");
            return -1;
        }
    }

    private static Process daemon(Path tmp, Path sparkHome, String name, String mainClass, String... args)
            throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m"));
        for (String o : System.getProperty("spark.jvm.options", "").split(" ")) if (!o.isBlank()) cmd.add(o);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve(name + ".log").toFile());
        pb.environment().put("SPARK_HOME", sparkHome.toString());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        return pb.start();
    }

    private static void awaitListening(int port, String name, Path tmp) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (true) {
            try (java.net.Socket s = new java.net.Socket(InetAddress.getByName("127.0.0.1"), port)) {
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the " + name + " did not listen on 127.0.0.1:" + port + " within "
                            + WAIT_SECONDS + " s" + logs(tmp));
                }
                Thread.sleep(300);
            }
        }
    }

    private static String logs(Path tmp) throws IOException {
        StringBuilder logs = new StringBuilder();
        for (String name : List.of("master", "worker1", "worker2")) {
            Path log = tmp.resolve(name + ".log");
            if (Files.exists(log)) logs.append("\n--- ").append(name).append('\n').append(Files.readString(log));
        }
        return logs.toString();
    }

    private static void awaitExecutors(SparkSession spark, int n, Path tmp) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        // the driver is listed too
        while (spark.sparkContext().statusTracker().getExecutorInfos().length < n + 1) {
            if (spark.sparkContext().isStopped()) {
                throw new AssertionError("the application was stopped before its executors registered" + logs(tmp));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the executors did not register in " + WAIT_SECONDS + " s" + logs(tmp));
            }
            Thread.sleep(500);
        }
    }

    /** Stops a daemon this test started, and what it started (a worker's executors). */
    private static void stop(Process p) throws InterruptedException {
        List<ProcessHandle> children = p.descendants().toList();
        p.destroy();
        if (!p.waitFor(20, TimeUnit.SECONDS)) p.destroyForcibly();
        for (ProcessHandle c : children) if (c.isAlive()) c.destroyForcibly();
    }
}
