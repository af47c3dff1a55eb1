package org.replearn.sweeps;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The Spark side of a sweep: a context on the chosen master and one small job per cell, submitted asynchronously
 * from the driver ({@code collectAsync}), so the driver stores each result as it arrives. A failed task is retried by
 * Spark up to {@value #MAX_FAILURES} attempts in all ({@code spark.task.maxFailures}; in local mode the
 * {@code local[N,F]} form, which {@link #sparkMaster} adds); a cell that fails every attempt fails its job alone.
 */
final class SparkCells implements AutoCloseable {
    /** Attempts per task before its cell is reported as failed. */
    static final int MAX_FAILURES = 4;
    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|[1-9][0-9]{0,3})(?:,([1-9][0-9]{0,3}))?\\])?");
    private static final Pattern STANDALONE = Pattern.compile("spark://[A-Za-z0-9.\\-\\[\\]:]+(?:,[A-Za-z0-9.\\-\\[\\]:]+)*");
    private static final Pattern KUBERNETES = Pattern.compile("k8s://\\S+");

    private final JavaSparkContext context;

    SparkCells(String master) {
        SparkConf conf = new SparkConf().setMaster(sparkMaster(master)).setAppName("replearn sweep")
                .set("spark.task.maxFailures", Integer.toString(MAX_FAILURES))
                .set("spark.scheduler.mode", "FIFO");
        if (LOCAL.matcher(master).matches()) {
            conf.set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1");
        } else if (!conf.contains("spark.jars")) {
            Path jar = ownJar();
            if (jar != null) {
                conf.set("spark.jars", jar.toString());
            }
        }
        context = new JavaSparkContext(conf);
        context.setLogLevel("WARN");
    }

    /**
     * Checks a {@code --master} value: {@code local}, {@code local[N]}, {@code local[*]}, {@code local[N,F]},
     * {@code spark://host:port}, {@code yarn} or {@code k8s://…}; returns a problem in words, or null when usable.
     */
    static String problem(String master) {
        if (LOCAL.matcher(master).matches() || STANDALONE.matcher(master).matches()) {
            return null;
        }
        if (master.equals("yarn") || KUBERNETES.matcher(master).matches()) {
            String manager = master.equals("yarn") ? "org.apache.spark.deploy.yarn.YarnClusterManager"
                    : "org.apache.spark.scheduler.cluster.k8s.KubernetesClusterManager";
            try {
                Class.forName(manager, false, SparkCells.class.getClassLoader());
                return null;
            } catch (ClassNotFoundException e) {
                return "'" + master + "' needs Spark's " + (master.equals("yarn") ? "YARN" : "Kubernetes")
                        + " support, which this jar does not bundle: run it with spark-submit from a Spark 4.0"
                        + " distribution and give --master to spark-submit (README, 'Sweeps on Spark')";
            }
        }
        return "'" + master + "' is not a Spark master: use local[*], local[N], spark://HOST:PORT, yarn or k8s://URL";
    }

    /** The master Spark is given: a local master gets {@link #MAX_FAILURES} attempts per task ({@code local[N,F]}). */
    static String sparkMaster(String master) {
        Matcher m = LOCAL.matcher(master);
        if (!m.matches()) {
            return master;
        }
        if (m.group(2) != null) {
            return master;
        }
        String threads = m.group(1) == null ? "1" : m.group(1);
        return String.format(Locale.ROOT, "local[%s,%d]", threads, MAX_FAILURES);
    }

    /** Threads each task may use ({@code spark.task.cpus}). */
    int taskCpus() {
        return context.getConf().getInt("spark.task.cpus", 1);
    }

    /** Spark's version. */
    String version() {
        return context.version();
    }

    /** The effective master. */
    String master() {
        return context.master();
    }

    /** Submits one cell's job; its future yields the serialized {@link CellTask.Computed}. */
    JavaFutureAction<List<byte[]>> submit(byte[] task, String description) {
        context.setJobDescription(description);
        return context.parallelize(List.of(task), 1).map(new CellTask()).collectAsync();
    }

    @Override
    public void close() {
        context.close();
    }

    /** The jar this class was loaded from, shipped to the executors of a cluster; null when run from classes. */
    private static Path ownJar() {
        try {
            Path p = Path.of(SparkCells.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(p) ? p : null;
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
