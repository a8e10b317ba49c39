package io.strata.fleet;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Spark sessions for the tests: loopback only, no web UI. */
final class FleetSpark {
    private FleetSpark() {
    }

    static SparkConf base() {
        return new SparkConf().setAppName("strata fleet test")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.ui.enabled", "false")
                .set("spark.ui.showConsoleProgress", "false")
                .set("spark.sql.shuffle.partitions", "4");
    }

    /** Two threads, each task tried up to 4 times (the retry test needs more than plain local mode's one). */
    static SparkSession local() {
        return SparkSession.builder().config(base().setMaster("local[2,4]")).getOrCreate();
    }
}
