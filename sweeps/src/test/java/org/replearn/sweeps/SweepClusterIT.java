package org.replearn.sweeps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.replearn.checks.cli.ReplearnCli;

/**
 * {@code replearn sweep} on a real Spark standalone cluster on this machine: a master, a worker and the worker's
 * executors, each in its own JVM, started from a temporary {@code SPARK_HOME} whose {@code jars/} holds the sweep's
 * classpath (this module's jar and its dependencies, or the sweep jar named by the system property
 * {@value #JAR_PROPERTY}), and the sweep itself as a driver JVM given {@code --master spark://127.0.0.1:PORT}. A quick
 * sweep's claims and CSVs equal {@code reproduce}'s byte for byte, also when its worker and executors are killed in
 * the middle and a new worker joins; a worker that cannot start executors makes the sweep stop cleanly (exit 5) and
 * the rerun complete. Every process is killed and the temporary directory deleted afterwards.
 */
class SweepClusterIT {
    static final String JAR_PROPERTY = "replearn.cluster.jar";
    private static final String CLAIMS = "sample-complexity-r,hermite-identities";
    /** Bound on a JVM's start (master, worker, or a worker seen dead by the master), on a loaded 2-core machine. */
    private static final Duration START = Duration.ofSeconds(120);
    /** Bound on one quick sweep of {@link #CLAIMS} (about 20 s on 2 cores). */
    private static final Duration SWEEP = Duration.ofSeconds(240);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static Path root;
    private static Path home;
    private static Path reproduce;
    private static int masterPort;
    private static int masterUi;
    private static final List<Process> processes = new CopyOnWriteArrayList<>();
    private static int workers;
    private static Process worker;

    @BeforeAll
    static void startCluster() throws Exception {
        // a test JVM stopped from outside (a timeout) still takes the cluster's JVMs with it
        Runtime.getRuntime().addShutdownHook(new Thread(() -> processes.forEach(SweepClusterIT::kill)));
        root = Files.createTempDirectory("replearn-cluster-");
        home = root.resolve("spark");
        Path jars = Files.createDirectories(home.resolve("jars"));
        for (Path jar : clusterJars()) {
            Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar);
        }
        reproduce = root.resolve("reproduce");
        int code = ReplearnCli.execute(new String[] {"reproduce", "--only", CLAIMS, "--scale", "quick", "--seed", "0",
            "--out", reproduce.toString(), "--quiet"}, new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()));
        assertEquals(0, code, "reproduce");
        long start = System.nanoTime();
        masterPort = freePort();
        masterUi = freePort();
        start("master", true, "-Xmx256m", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                Integer.toString(masterPort), "--webui-port", Integer.toString(masterUi));
        startWorker(true);
        System.out.printf(Locale.ROOT, "cluster: master and worker up in %.1f s (SPARK_HOME/jars: %d files)%n",
                seconds(start), clusterJars().size());
    }

    @AfterAll
    static void stopCluster() throws IOException {
        for (Process p : processes) {
            kill(p);
        }
        if (root != null) {
            SweepHarness.deleteTree(root);
        }
    }

    /**
     * A worker that cannot start executors (no SPARK_SCALA_VERSION): the master gives the sweep up and the sweep stops
     * with exit 5 and one line saying so, leaving no half-written file. The same command on a worker that can, an
     * uninterrupted quick sweep, writes the claims and CSVs of {@code reproduce}, byte for byte.
     */
    @Test
    void sweepStopsCleanlyWhenTheClusterGivesItUpAndTheRerunGivesTheReportOfReproduce() throws Exception {
        long start = System.nanoTime();
        Path out = root.resolve("sweep");
        replaceWorker(false);
        Process refused = sweep(out, "refused");
        assertTrue(refused.waitFor(SWEEP.toSeconds(), TimeUnit.SECONDS), "the sweep did not stop" + logs("refused.err",
                "worker-" + workers + ".log"));
        assertEquals(ReplearnCli.OUT_OF_RESOURCES, refused.exitValue(), logs("refused.out", "refused.err"));
        List<String> said = text("refused.err").lines()
                .filter(l -> l.startsWith("replearn sweep: the cluster gave the sweep up")).toList();
        assertEquals(1, said.size(), logs("refused.err"));
        assertEquals("", text("refused.out"), logs("refused.out"));
        assertOnlyCells(out);
        System.out.printf(Locale.ROOT, "cluster: a worker that cannot start executors: exit 5 after %.1f s,"
                + " saying%n  %s%n", seconds(start), said.get(0));
        replaceWorker(true);
        long rerun = System.nanoTime();
        Process driver = sweep(out, "sweep");
        assertTrue(driver.waitFor(SWEEP.toSeconds(), TimeUnit.SECONDS), "the sweep did not end in " + SWEEP
                + logs("sweep.err", "worker-" + workers + ".log"));
        assertEquals(0, driver.exitValue(), logs("sweep.out", "sweep.err"));
        String stdout = text("sweep.out");
        assertTrue(stdout.contains("2 of 2 claims hold") && stdout.contains(" 0 resumed, 0 failed"), stdout);
        assertSameReport(out);
        System.out.printf(Locale.ROOT, "cluster: the rerun, an uninterrupted quick sweep of %s, in %.1f s: report"
                + " identical to reproduce's%n", CLAIMS, seconds(rerun));
    }

    /**
     * The worker and its executors killed after some cells are stored: the sweep says it waits, keeps waiting (it does
     * not fail), and completes on a worker started afterwards with the report of {@code reproduce}, byte for byte.
     */
    @Test
    void sweepWhoseWorkerIsKilledCompletesOnANewWorker() throws Exception {
        long start = System.nanoTime();
        Path out = root.resolve("killed");
        Process driver = sweep(out, "killed");
        await("three cells stored", SWEEP, () -> storedCells(out) >= 3 || !driver.isAlive(), "killed.err");
        assertTrue(driver.isAlive(), "the sweep ended before its worker was killed" + logs("killed.out", "killed.err"));
        long stored = storedCells(out);
        kill(worker);
        await("the master seeing no worker", START, () -> aliveWorkers() == 0, "master.log");
        await("the sweep saying it waits", START, () -> text("killed.err").contains(SparkExecutor.LOST)
                || !driver.isAlive(), "killed.err");
        assertTrue(driver.isAlive(), "the sweep stopped when its worker was killed" + logs("killed.err"));
        System.out.printf(Locale.ROOT, "cluster: worker killed after %d stored cells, %.1f s into the sweep%n",
                stored, seconds(start));
        startWorker(true);
        assertTrue(driver.waitFor(SWEEP.toSeconds(), TimeUnit.SECONDS), "the sweep did not end on the new worker"
                + logs("killed.err", "worker-" + workers + ".log"));
        assertEquals(0, driver.exitValue(), logs("killed.out", "killed.err"));
        assertTrue(text("killed.err").contains(SparkExecutor.BACK), logs("killed.err"));
        assertTrue(text("killed.out").contains(" 0 resumed, 0 failed"), logs("killed.out"));
        assertOnlyCells(out);
        assertSameReport(out);
        System.out.printf(Locale.ROOT, "cluster: the sweep completed on a new worker, %.1f s in all, report identical"
                + " to reproduce's%n", seconds(start));
    }

    /** The jars the cluster runs from: the sweep jar when named, else every jar of this JVM's class path. */
    private static List<Path> clusterJars() {
        String jar = System.getProperty(JAR_PROPERTY, "");
        if (!jar.isBlank()) {
            assertTrue(Files.isRegularFile(Path.of(jar)), JAR_PROPERTY + "=" + jar + " is not a file");
            return List.of(Path.of(jar).toAbsolutePath());
        }
        Path own = Path.of(SweepCli.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        assertTrue(Files.isRegularFile(own), "the cluster runs from this module's jar, not from " + own
                + ": run SweepClusterIT with 'mvn verify' (Failsafe, after package), not under Surefire");
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator)).map(Path::of)
                .filter(p -> p.toString().endsWith(".jar") && Files.isRegularFile(p)).map(Path::toAbsolutePath)
                .distinct().toList();
    }

    /** Kills the worker and its executors, waits until the master sees none, and starts another. */
    private static void replaceWorker(boolean launchesExecutors) throws Exception {
        kill(worker);
        await("the master seeing no worker", START, () -> aliveWorkers() == 0, "master.log");
        startWorker(launchesExecutors);
    }

    /** Starts a worker (one that cannot start executors unless {@code launchesExecutors}) and waits until ALIVE. */
    private static void startWorker(boolean launchesExecutors) throws Exception {
        workers++;
        worker = start("worker-" + workers, launchesExecutors, "-Xmx256m", "org.apache.spark.deploy.worker.Worker",
                "spark://127.0.0.1:" + masterPort, "--host", "127.0.0.1", "--cores", "2", "--memory", "1g",
                "--webui-port", Integer.toString(freePort()), "--work-dir", root.resolve("work").toString());
        await("an alive worker", START, () -> aliveWorkers() == 1, "master.log", "worker-" + workers + ".log");
    }

    /** Starts {@code replearn sweep} of {@link #CLAIMS} into {@code out}; stdout and stderr in NAME.out, NAME.err. */
    private static Process sweep(Path out, String name) throws IOException {
        List<String> command = java("-Xmx1g", "-Dspark.ui.enabled=false");
        command.addAll(List.of(SweepCli.class.getName(), "sweep", "--only", CLAIMS, "--scale", "quick", "--seed", "0",
                "--master", "spark://127.0.0.1:" + masterPort, "--out", out.toString()));
        ProcessBuilder b = builder(command, true).redirectOutput(root.resolve(name + ".out").toFile())
                .redirectError(root.resolve(name + ".err").toFile());
        Process p = b.start();
        processes.add(p);
        return p;
    }

    /** Starts {@code mainClass} with {@code heap} and {@code args} (see {@link #builder}); its output in NAME.log. */
    private static Process start(String name, boolean launchesExecutors, String heap, String mainClass,
            String... args) throws IOException {
        List<String> command = java(heap);
        command.add(mainClass);
        command.addAll(List.of(args));
        Process p = builder(command, launchesExecutors).redirectErrorStream(true)
                .redirectOutput(root.resolve(name + ".log").toFile()).start();
        processes.add(p);
        return p;
    }

    /** A JVM with this one's module and Spark options, {@code options}, and SPARK_HOME/jars as its class path. */
    private static List<String> java(String... options) {
        return SweepHarness.childJava(home.resolve("jars") + File.separator + "*", options);
    }

    /**
     * The environment a standalone worker needs to launch executors from SPARK_HOME/jars (Spark's own scripts set
     * SPARK_SCALA_VERSION: without it, unless {@code launchesExecutors}, every executor fails to start), every process
     * bound to the loopback address.
     */
    private static ProcessBuilder builder(List<String> command, boolean launchesExecutors) {
        ProcessBuilder b = new ProcessBuilder(command).directory(root.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        b.environment().put("SPARK_HOME", home.toString());
        b.environment().remove("SPARK_SCALA_VERSION");
        if (launchesExecutors) {
            b.environment().put("SPARK_SCALA_VERSION", "2.13");
        }
        b.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return b;
    }

    /** Kills {@code p} and every process it started (a worker's executors), as a machine that dies would. */
    private static void kill(Process p) {
        List<ProcessHandle> family = new ArrayList<>(p.descendants().toList());
        family.add(p.toHandle());
        family.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle h : family) {
            h.onExit().join();
        }
    }

    /** Workers the master reports ALIVE (its web UI's JSON); -1 while it does not answer. */
    private static int aliveWorkers() {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterUi
                    + "/json/")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode alive = JSON.readTree(r.body()).get("aliveworkers");
            return r.statusCode() == 200 && alive != null ? alive.asInt() : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Waits until {@code done}, polling; fails after {@code bound} naming {@code what} with the logs' tails. */
    private static void await(String what, Duration bound, BooleanSupplier done, String... logs) throws Exception {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("no " + what + " within " + bound.toSeconds() + " s" + logs(logs));
            }
            Thread.sleep(100);
        }
    }

    /** The last lines of each log, for a failure message. */
    private static String logs(String... names) {
        StringBuilder sb = new StringBuilder();
        for (String n : names) {
            List<String> lines = text(n).lines().toList();
            sb.append("\n--- ").append(n).append(" (last lines) ---\n")
                    .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size())));
        }
        return sb.toString();
    }

    private static String text(String name) {
        try {
            Path p = root.resolve(name);
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** Nothing but stored cells under DIR/cells: no temporary or half-written file. */
    private static void assertOnlyCells(Path out) throws IOException {
        Path cells = out.resolve(SweepDirectory.CELLS);
        if (Files.isDirectory(cells)) {
            try (Stream<Path> files = Files.walk(cells)) {
                assertEquals(List.of(), files.filter(Files::isRegularFile)
                        .filter(f -> !f.getFileName().toString().endsWith(".cell")).toList(), "half-written files");
            }
        }
    }

    private static long storedCells(Path out) {
        try (Stream<Path> walk = Files.walk(out.resolve(SweepDirectory.CELLS))) {
            return walk.filter(f -> f.getFileName().toString().endsWith(".cell")).count();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0; // not created yet, or a file renamed while walking
        }
    }

    /** claims.json from its claims on, and every CSV of the report, equal to reproduce's byte for byte. */
    private static void assertSameReport(Path sweep) throws IOException {
        SweepLocalTest.assertSameReport(reproduce, sweep.resolve(SweepDirectory.REPORT));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) * 1e-9;
    }
}
