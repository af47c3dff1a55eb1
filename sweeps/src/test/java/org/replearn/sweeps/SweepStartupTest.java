package org.replearn.sweeps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replearn.checks.cli.ReplearnCli;

/**
 * {@code replearn sweep} refuses a master or a JVM it cannot start on before it creates anything: one line, exit 2,
 * within seconds. Only the loopback interface is used.
 */
class SweepStartupTest {
    @TempDir
    Path tmp;

    /** Standalone masters that Spark rejects only after seconds of stack traces are refused by their form. */
    @Test
    void masterOfAWrongFormIsRefusedByItsForm() {
        for (String master : new String[] {"spark://h:99999999999", "spark://h", "spark://:7077", "spark://h:-1",
            "spark://[::1", "spark://h:0", "spark://h:65536", "spark://h:7077,", "spark://h_1:7077", "spark:7077"}) {
            String problem = SparkMaster.problem(master);
            assertNotNull(problem, master);
            assertTrue(problem.contains(master), problem);
        }
        for (String master : new String[] {"local", "local[*]", "local[2]", "local[2,3]", "spark://h:7077",
            "spark://head.example.org:1", "spark://[::1]:65535", "spark://a:7077,b:7077"}) {
            assertNull(SparkMaster.problem(master), master);
        }
    }

    /** A closed port and an unknown host are refused within the timeouts; a listening port is accepted. */
    @Test
    void unreachableMasterIsRefusedWithinSeconds() throws IOException {
        long start = System.nanoTime();
        String closed = SparkMaster.unreachable("spark://127.0.0.1:1", SparkMaster.TIMEOUT_MILLIS);
        assertNotNull(closed);
        assertTrue(closed.contains("no master answers at 127.0.0.1:1"), closed);
        String unknown = SparkMaster.unreachable("spark://nohost:1", SparkMaster.TIMEOUT_MILLIS);
        assertNotNull(unknown);
        assertTrue(unknown.contains("'nohost'"), unknown);
        assertTrue(System.nanoTime() - start < 15e9, "refused within 15 s");
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String open = "spark://127.0.0.1:" + listening.getLocalPort();
            assertNull(SparkMaster.unreachable(open, SparkMaster.TIMEOUT_MILLIS));
            assertNull(SparkMaster.unreachable("spark://127.0.0.1:1," + open.substring(8), SparkMaster.TIMEOUT_MILLIS),
                    "one answering master of a list is enough");
        }
        assertNull(SparkMaster.unreachable("local[2]", SparkMaster.TIMEOUT_MILLIS));
    }

    /** The command line: a closed master port is one line, exit 2, within 15 s, and --out is not created. */
    @Test
    void sweepRefusesAClosedMasterPortBeforeCreatingAnything() {
        Path out = tmp.resolve("out");
        long start = System.nanoTime();
        SweepLocalTest.Run run = SweepLocalTest.sweep("--only", "hermite-identities", "--master", "spark://127.0.0.1:1",
                "--out", out.toString(), "--quiet");
        assertTrue(System.nanoTime() - start < 15e9, "refused within 15 s");
        assertEquals(ReplearnCli.USAGE, run.code(), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("--master") && run.err().contains("127.0.0.1:1"), run.err());
        assertFalse(Files.exists(out), "--out was created");
    }

    /** A missing java.io.tmpdir is named, exit 2, and neither it nor --out is created. */
    @Test
    void sweepRefusesAMissingTemporaryDirectoryAndDoesNotCreateIt() {
        Path missing = tmp.resolve("missing");
        Path out = tmp.resolve("out");
        String saved = System.getProperty("java.io.tmpdir");
        SweepLocalTest.Run run;
        try {
            System.setProperty("java.io.tmpdir", missing.toString());
            run = SweepLocalTest.sweep("--only", "hermite-identities", "--master", "local[1]", "--out", out.toString(),
                    "--quiet");
        } finally {
            System.setProperty("java.io.tmpdir", saved);
        }
        assertEquals(ReplearnCli.USAGE, run.code(), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("java.io.tmpdir='" + missing + "' does not exist"), run.err());
        assertFalse(Files.exists(missing), "java.io.tmpdir was created");
        assertFalse(Files.exists(out), "--out was created");
    }

    /** A java.io.tmpdir that is a file is named, exit 2. */
    @Test
    void temporaryDirectoryThatIsAFileIsRefused() throws IOException {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        String saved = System.getProperty("java.io.tmpdir");
        try {
            System.setProperty("java.io.tmpdir", file.toString());
            String problem = SweepCommand.temporaryDirectoryProblem();
            assertNotNull(problem);
            assertTrue(problem.contains("is not a directory"), problem);
            System.setProperty("java.io.tmpdir", tmp.toString());
            assertNull(SweepCommand.temporaryDirectoryProblem());
        } finally {
            System.setProperty("java.io.tmpdir", saved);
        }
        try (var left = Files.list(tmp)) {
            assertEquals(1, left.count(), "the probe file is deleted");
        }
    }

    /** A heap below Spark's minimum is one line, exit 5, before --out is created (a JVM of 64 MiB). */
    @Test
    void heapBelowSparksMinimumIsRefusedBeforeCreatingAnything() throws IOException, InterruptedException {
        Path out = tmp.resolve("out");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Exit run = run(tmp, java.toString(), "-Xmx64m", "--add-modules", "jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), SweepCli.class.getName(), "sweep", "--only",
                "hermite-identities", "--master", "local[1]", "--out", out.toString(), "--quiet");
        assertEquals(ReplearnCli.OUT_OF_RESOURCES, run.code(), run.err());
        String line = run.err().lines().filter(l -> l.startsWith("replearn sweep:")).findFirst().orElse(run.err());
        assertTrue(line.contains("the heap allows 64 MiB and Spark needs at least 450 MiB"), run.err());
        assertTrue(run.err().lines().noneMatch(l -> l.startsWith("\tat ")), run.err());
        assertFalse(Files.exists(out), "--out was created");
    }

    /**
     * The launcher: options the JVM refuses, and a memory limit it cannot start under, are one line naming
     * REPLEARN_JAVA_OPTS and exit 2 (not 1, a claim that does not hold), with no crash log in the working directory.
     */
    @Test
    void launcherRefusesAJvmThatCannotStart() throws IOException, InterruptedException {
        String launcher = Path.of("..", "replearn").toAbsolutePath().normalize().toString();
        for (String opts : new String[] {"garbage", "-Xmx1m", "-XX:+Bogus"}) {
            Exit run = run(tmp, "env", "REPLEARN_JAVA_OPTS=" + opts, launcher, "sweep", "--dry-run");
            assertEquals(ReplearnCli.USAGE, run.code(), opts + ": " + run.err());
            assertEquals(1, run.err().lines().count(), run.err());
            assertTrue(run.err().contains("REPLEARN_JAVA_OPTS='" + opts + "'"), run.err());
        }
        Exit limited = run(tmp, "bash", "-c", "ulimit -v 100000 && exec \"$0\" --help", launcher);
        assertEquals(ReplearnCli.USAGE, limited.code(), limited.err());
        assertEquals(1, limited.err().lines().count(), limited.err());
        assertTrue(limited.err().contains("ulimit -v 100000") && limited.err().contains("REPLEARN_JAVA_OPTS"),
                limited.err());
        try (var left = Files.list(tmp)) {
            assertEquals(0, left.count(), "nothing is left in the working directory");
        }
    }

    record Exit(int code, String err) {
    }

    /** Runs a process in {@code dir}, stdin closed, and returns its exit code and stderr. */
    private static Exit run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectInput(ProcessBuilder.Redirect.from(
                        Path.of("/dev/null").toFile())).start();
        String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        return new Exit(p.waitFor(), err);
    }

    /** Under --quiet, Spark's warning about a host name resolving to a loopback address is silenced. */
    @Test
    void quietSilencesTheHostnameWarning() {
        SparkCells.quietHostnameWarning("spark://h:7077", true);
        assertFalse(LogManager.getLogger(SparkCells.HOSTNAME_LOGGER).isWarnEnabled());
        assertTrue(LogManager.getLogger(SparkCells.HOSTNAME_LOGGER).isErrorEnabled());
    }
}
