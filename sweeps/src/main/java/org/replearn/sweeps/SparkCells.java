package org.replearn.sweeps;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
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
    /** The logger of Spark's warning about a host name that resolves to a loopback address. */
    static final String HOSTNAME_LOGGER = "org.apache.spark.util.Utils";

    /** The smallest driver heap Spark starts with: 1.5 times its 300 MiB reserve (its {@code UnifiedMemoryManager}). */
    static final long MIN_HEAP_BYTES = 450L << 20;

    /** How long a failure waits to tell a cluster that gave the application up (Spark stops its context just after). */
    static final long STOP_WAIT_MILLIS = 2000;

    /** Set when the JVM begins to shut down (SIGINT, SIGTERM): Spark then stops its context itself. */
    private static volatile boolean shuttingDown;

    private final JavaSparkContext context;
    private final boolean local;

    static {
        // On SIGINT or SIGTERM Spark stops its context while cells still run and logs every task it then rejects with
        // a stack trace at ERROR: some sixty lines for a run the user is stopping. Spark's loggers are switched off
        // once the JVM begins to shut down (the sweep's own messages are not Spark's).
        Runtime.getRuntime().addShutdownHook(new Thread(SparkCells::silenceSpark, "replearn-spark-quiet"));
    }

    SparkCells(String master) {
        SparkConf conf = new SparkConf().setMaster(sparkMaster(master)).setAppName("replearn sweep")
                .set("spark.task.maxFailures", Integer.toString(MAX_FAILURES))
                .set("spark.scheduler.mode", "FIFO");
        local = SparkMaster.isLocal(master);
        if (local) {
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
     * Silences Spark's warning that this host's name resolves to a loopback address (logger {@value #HOSTNAME_LOGGER}
     * at ERROR) for a local master, whose driver is bound to 127.0.0.1 so the warning is moot, and, when
     * {@code quiet}, for every master. Call before the context starts: Spark warns once, while it starts.
     */
    static void quietHostnameWarning(String master, boolean quiet) {
        if (quiet || SparkMaster.isLocal(master)) {
            Configurator.setLevel(HOSTNAME_LOGGER, Level.ERROR);
        }
    }

    /** The master Spark is given: a local master gets {@link #MAX_FAILURES} attempts per task ({@code local[N,F]}). */
    static String sparkMaster(String master) {
        Matcher m = SparkMaster.LOCAL.matcher(master);
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

    /**
     * Executors registered with this context, the driver not counted: 0 while a cluster has none for it (none started
     * yet, or every one lost with its worker); always 1 for a local master, whose driver runs the tasks itself.
     */
    int executors() {
        return local ? 1 : context.sc().statusTracker().getExecutorInfos().length - 1;
    }

    /**
     * Whether Spark stopped this context on its own within {@code millis} (polled): a cluster manager that gave the
     * application up, e.g. a standalone master after its executors failed to start, and not a JVM shutting down.
     * Never for a local master.
     */
    boolean stoppedByTheCluster(long millis) throws InterruptedException {
        if (local) {
            return false;
        }
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (!context.sc().isStopped() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return context.sc().isStopped() && !shuttingDown;
    }

    /** Spark's version. */
    String version() {
        return context.version();
    }

    /** The effective master. */
    String master() {
        return context.master();
    }

    /**
     * Submits one cell's job; its future yields the serialized {@link CellTask.Computed}. Throws {@link Stopped} when
     * the cluster has already given the application up.
     */
    JavaFutureAction<List<byte[]>> submit(byte[] task, String description) throws InterruptedException {
        try {
            context.setJobDescription(description);
            return context.parallelize(List.of(task), 1).map(new CellTask()).collectAsync();
        } catch (RuntimeException e) {
            if (stoppedByTheCluster(STOP_WAIT_MILLIS)) {
                throw new Stopped("it stopped the application while cells were being submitted");
            }
            throw e;
        }
    }

    @Override
    public void close() {
        context.close();
    }

    /** Whether this JVM is shutting down (SIGINT, SIGTERM or exit): a cell that fails now was cancelled, not failed. */
    static boolean shuttingDown() {
        return shuttingDown;
    }

    /** Shutdown hook: Spark's loggers off (see the static initializer), and {@link #shuttingDown} set. */
    private static void silenceSpark() {
        shuttingDown = true;
        try {
            Configurator.setLevel("org.apache.spark", Level.OFF);
        } catch (RuntimeException e) {
            // logging already stopped: nothing more to silence
        }
    }

    /** Spark stopped the context while cells ran: its reason (the first failed job's), for a one-line message. */
    static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped(String reason) {
            super(reason);
        }
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
