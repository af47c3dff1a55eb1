package org.replearn.sweeps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replearn.checks.cli.ReplearnCli;
import org.replearn.checks.report.DirectoryLock;
import org.replearn.checks.report.ReportDirectory;

/**
 * One test per defect of the sweep found by the fuzzing of issue 29, named after it. Defects already pinned
 * elsewhere: the heap of {@code -Xmx64m} (exit 5) and a missing {@code java.io.tmpdir} in {@link SweepStartupTest},
 * the second writer in {@link SweepDirectoryTest#aSecondSweepOnALockedDirectoryIsRefusedNamingTheHolder}, the
 * launcher's {@code REPLEARN_JAVA_OPTS} in {@link SweepStartupTest#launcherRefusesAJvmThatCannotStart}; every
 * corruption kind of a stored cell end to end in {@link StoredCellVerificationTest}.
 */
class SweepRegressionTest {
    private static final String CLAIM = "hermite-identities";
    private static final String VECTOR_NOTICE = "WARNING: Using incubator modules: jdk.incubator.vector";
    private static final Pattern SUMMARY = Pattern.compile("\\d+ of \\d+ claims hold \\(.*");

    @TempDir
    Path tmp;

    @BeforeAll
    static void countSparkContexts() {
        SparkStartCounter.install();
    }

    @AfterAll
    static void stopCounting() {
        SparkStartCounter.uninstall();
    }

    /**
     * Defect 1: a flipped bit in a stored cell's result changed the report silently. Flipped where the result still
     * deserializes (to another number), the cell is named in one warning, recomputed alone, and the report is
     * byte-identical to the uninterrupted sweep's.
     */
    @Test
    void flippedByteInStoredCellIsRecomputedNotReported() throws Exception {
        Path dir = tmp.resolve("sweep");
        String[] args = {"--only", CLAIM, "--seed", "0", "--master", "local[2]", "--out", dir.toString(), "--quiet"};
        SweepHarness.Run first = SweepHarness.sweep(args);
        assertEquals(0, first.code(), first.toString());
        Map<String, byte[]> reference = report(dir);
        Path cell;
        try (Stream<Path> walk = Files.walk(dir.resolve(SweepDirectory.CELLS))) {
            cell = walk.filter(p -> p.toString().endsWith(".cell")).sorted().findFirst().orElseThrow();
        }
        byte[] file = Files.readAllBytes(cell);
        String key = cell.getFileName().toString().replace(".cell", "");
        String hash = cell.getParent().getFileName().toString();
        SweepDirectory.StoredCell stored = CellFile.decode(file, CLAIM, key, hash);
        int at = indexOf(file, stored.result());
        assertTrue(at > 0, "the result's bytes are in the file");
        int flip = silentFlip(stored.result());
        assertTrue(flip >= 0, "some bit of the result flips to another decodable result");
        file[at + flip] ^= 1;
        Files.write(cell, file);

        SweepHarness.Run rerun = SweepHarness.sweep(args);
        assertEquals(0, rerun.code(), rerun.toString());
        List<String> warnings = rerun.err().strip().lines().toList();
        assertEquals(List.of("sweep: stored cell '" + cell + "' is corrupt (SHA-256 mismatch: truncated or altered);"
                + " recomputing it"), warnings);
        assertTrue(rerun.out().contains(": 1 computed, "), rerun.out());
        Map<String, byte[]> again = report(dir);
        assertEquals(reference.keySet(), again.keySet());
        for (String f : reference.keySet()) {
            assertArrayEquals(reference.get(f), again.get(f), f);
        }
    }

    /**
     * Defect 2: a truncated, empty or random cell file stopped every resume with exit 3 without naming it, and a
     * directory in place of a cell blamed 'cells'. Each bad file is now named in its own warning and dropped (the
     * sweep recomputes it), and a directory is refused by its own path, before Spark starts, and kept.
     */
    @Test
    void truncatedEmptyOrRandomCellIsNamedAndADirectoryIsBlamedByItsPath() throws Exception {
        Path root = tmp.resolve("sweep");
        String hash = "0123456789abcdef";
        SweepDirectory dir = SweepDirectory.check(root.toString());
        List<Path> files = new ArrayList<>();
        try {
            dir.prepare();
            for (int i = 0; i < 4; i++) {
                dir.save(new SweepDirectory.StoredCell(CLAIM, "d" + (8 << i) + "-r0", hash,
                        Codec.encode(new double[] {i, 0.5}), 1, 1));
                files.add(root.resolve("cells").resolve(CLAIM).resolve(hash).resolve("d" + (8 << i) + "-r0.cell"));
            }
            byte[] whole = Files.readAllBytes(files.get(0));
            Files.write(files.get(0), Arrays.copyOf(whole, whole.length - 7));
            Files.write(files.get(1), new byte[0]);
            byte[] random = new byte[whole.length];
            new Random(29).nextBytes(random);
            Files.write(files.get(2), random);
            StringWriter warnings = new StringWriter();
            Map<String, SweepDirectory.StoredCell> loaded = dir.load(CLAIM, hash, new PrintWriter(warnings, true));
            assertEquals(List.of("d64-r0"), List.copyOf(loaded.keySet()));
            List<String> lines = warnings.toString().lines().toList();
            assertEquals(3, lines.size(), warnings.toString());
            for (int i = 0; i < 3; i++) {
                String named = "sweep: stored cell '" + files.get(i) + "' is corrupt (";
                assertEquals(1, lines.stream().filter(l -> l.startsWith(named)).count(), warnings.toString());
                assertFalse(Files.exists(files.get(i)), "dropped, to be computed again: " + files.get(i));
            }
        } finally {
            DirectoryLock.release(root.toAbsolutePath().normalize());
        }

        Path cell = files.get(3);
        Files.delete(cell);
        Files.writeString(Files.createDirectory(cell).resolve("notes.txt"), "mine");
        Map<String, String> before = SweepHarness.tree(root);
        int spark = SparkStartCounter.started();
        SweepHarness.Run refused = SweepHarness.sweep("--only", CLAIM, "--master", "local[1]", "--out",
                root.toString());
        SweepHarness.assertRefused(refused, "'cells/" + CLAIM + "/" + hash + "/d64-r0.cell'");
        assertFalse(refused.err().contains("'cells'"), refused.toString());
        assertEquals(spark, SparkStartCounter.started(), "no Spark context started");
        assertEquals(before, SweepHarness.tree(root));
    }

    /**
     * Defect 3: masters Spark rejects passed the syntax check, ran long with stack traces and created {@code --out}
     * first. Each is now one line naming --master, exit 2, within seconds, nothing created, Spark not started.
     */
    @Test
    void mastersSparkRejectsAreRefusedInOneLineBeforeOutIsCreated() throws IOException {
        for (String master : new String[] {"spark://127.0.0.1:1", "spark://nohost:1", "spark://h:99999999999",
            "spark://h", "spark://:7077", "spark://h:-1", "spark://[::1"}) {
            Path parent = Files.createDirectory(tmp.resolve("m" + Integer.toHexString(master.hashCode())));
            Path out = parent.resolve("out");
            int spark = SparkStartCounter.started();
            SweepHarness.Run r = SweepHarness.sweep("--only", CLAIM, "--master", master, "--out", out.toString(),
                    "--quiet");
            DirectoryLock.release(out); // as the process's exit would
            SweepHarness.assertRefused(r, "'--master'");
            assertTrue(r.err().contains(master), r.toString());
            assertTrue(r.seconds() < 10, r.toString());
            assertEquals(spark, SparkStartCounter.started(), "no Spark context started: " + r);
            assertEquals(Map.of(), SweepHarness.tree(parent), "nothing created: " + r);
        }
    }

    /**
     * Defect 4: Spark's own start-up failures became stack traces. A {@code java.io.tmpdir} that is missing, a file,
     * or not writable is one line naming it, exit 2, before Spark starts and without creating anything.
     */
    @Test
    void sparkStartupFailuresAreOneLineNotStackTraces() throws IOException {
        Path readOnly = Files.createDirectory(tmp.resolve("read-only"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        List<String> temporaries = new ArrayList<>(List.of(tmp.resolve("missing").toString(),
                Files.writeString(tmp.resolve("a-file"), "x").toString()));
        if (!Files.isWritable(readOnly)) {
            temporaries.add(readOnly.toString()); // (the superuser writes anywhere)
        }
        if (Files.isDirectory(Path.of("/proc/self"))) {
            temporaries.add("/proc/self"); // a directory nobody can create files in
        }
        String saved = System.getProperty("java.io.tmpdir");
        try {
            for (String t : temporaries) {
                Path out = tmp.resolve("out");
                Map<String, String> before = SweepHarness.tree(tmp);
                int spark = SparkStartCounter.started();
                SweepHarness.Run r;
                try {
                    System.setProperty("java.io.tmpdir", t);
                    r = SweepHarness.sweep("--only", CLAIM, "--master", "local[1]", "--out", out.toString());
                } finally {
                    System.setProperty("java.io.tmpdir", saved);
                    DirectoryLock.release(out);
                }
                SweepHarness.assertRefused(r, "java.io.tmpdir='" + t + "'");
                assertEquals(spark, SparkStartCounter.started(), "no Spark context started: " + r);
                assertEquals(before, SweepHarness.tree(tmp), "nothing created: " + r);
            }
        } finally {
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /**
     * Defect 5: a forged or edited marker deleted user files. A sweep marker that lists a user file (even with its
     * true size and SHA-256), a report marker that lists one with another checksum, and an edited table are each
     * refused with exit 2 naming the file, before Spark starts, every file byte-identical.
     */
    @Test
    void forgedOrEditedMarkerNeverDeletesUserFiles() throws IOException {
        byte[] thesis = "\\documentclass{article}".getBytes(StandardCharsets.UTF_8);
        String listed = "{\"name\":\"thesis.tex\",\"size\":" + thesis.length + ",\"sha256\":\""
                + SweepHarness.sha(thesis) + "\"}";
        Path forged = Files.createDirectories(tmp.resolve("forged"));
        Files.writeString(forged.resolve(SweepDirectory.MARKER), "{\"writer\":\"replearn-sweep\",\"files\":[" + listed
                + "]}");
        Files.write(forged.resolve("thesis.tex"), thesis);

        Path report = Files.createDirectories(tmp.resolve("forged-report").resolve(SweepDirectory.REPORT));
        Files.writeString(report.getParent().resolve(SweepDirectory.MARKER), "{\"writer\":\"replearn-sweep\"}");
        Files.writeString(report.resolve(ReportDirectory.MARKER), "{\"writer\":\"replearn\",\"files\":["
                + "\"report.md\",{\"name\":\"thesis.tex\",\"size\":" + thesis.length + ",\"sha256\":\"" + "0".repeat(64)
                + "\"}]}");
        Files.write(report.resolve("thesis.tex"), thesis);

        Path edited = Files.createDirectories(tmp.resolve("edited"));
        byte[] csv = "claim,cell\nhermite-identities,d8\n".getBytes(StandardCharsets.UTF_8);
        Files.writeString(edited.resolve(SweepDirectory.MARKER), "{\"writer\":\"replearn-sweep\",\"files\":["
                + "{\"name\":\"cells.csv\",\"size\":" + csv.length + ",\"sha256\":\"" + SweepHarness.sha(csv)
                + "\"}]}");
        csv[csv.length - 2] = '9';
        Files.write(edited.resolve(SweepDirectory.CELLS_CSV), csv);

        for (Path out : List.of(forged, report.getParent(), edited)) {
            Map<String, String> before = SweepHarness.tree(out);
            int spark = SparkStartCounter.started();
            SweepHarness.Run r = SweepHarness.sweep("--only", CLAIM, "--master", "local[1]", "--out", out.toString());
            SweepHarness.assertRefused(r, out == edited ? "'cells.csv'" : "'thesis.tex'");
            assertEquals(spark, SparkStartCounter.started(), "no Spark context started: " + r);
            assertEquals(before, SweepHarness.tree(out), "files changed: " + r);
        }
    }

    /**
     * Defect 10: the summary line followed the JVM's locale (a decimal comma, other digits). Under a German locale
     * a sweep's summary line is written with ASCII digits and a decimal point.
     */
    @Test
    void summaryLineIgnoresTheLocale() throws Exception {
        Child c = quietGermanSweep();
        assertEquals(0, c.code(), c.toString());
        String summary = c.out().lines().filter(l -> SUMMARY.matcher(l).matches()).findFirst().orElse(null);
        assertNotNull(summary, c.toString());
        assertTrue(summary.chars().allMatch(ch -> ch < 128) && !Pattern.compile("\\d,\\d").matcher(summary).find(),
                summary);
        assertTrue(summary.contains(" cells: "), summary);
    }

    /**
     * Defect 11: {@code sweep --quiet} printed Spark's WARN lines. A quiet sweep writes nothing on stderr but the
     * JVM's own notice of the Vector API module (README: the launcher's one documented line).
     */
    @Test
    void quietSweepPrintsNoSparkWarnLines() throws Exception {
        Child c = quietGermanSweep();
        assertEquals(0, c.code(), c.toString());
        assertEquals(List.of(), c.err().lines().filter(l -> !l.equals(VECTOR_NOTICE)).toList(), c.toString());
    }

    /**
     * Signals: a sweep killed ({@code SIGKILL}) after some cells were stored resumes them, computes the rest and ends
     * with the report of an uninterrupted sweep, byte for byte; the dead run's lock does not block it.
     */
    @Test
    void killedSweepResumesToTheReportOfAnUninterruptedOne() throws Exception {
        Child reference = quietGermanSweep();
        assertEquals(0, reference.code(), reference.toString());
        Path out = tmp.resolve("killed");
        List<String> command = java();
        command.addAll(List.of("sweep", "--only", CLAIM, "--master", "local[2]", "--out", out.toString()));
        Process p = new ProcessBuilder(command).directory(tmp.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (storedCells(out) < 3 && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(p.isAlive(), "the sweep was still running when killed");
        } finally {
            p.destroyForcibly();
            p.waitFor();
        }
        SweepHarness.Run resumed = SweepHarness.sweep("--only", CLAIM, "--master", "local[2]", "--out",
                out.toString(), "--quiet");
        assertEquals(0, resumed.code(), resumed.toString());
        assertEquals("", resumed.err(), resumed.toString());
        java.util.regex.Matcher counts = Pattern.compile("(\\d+) cells: (\\d+) computed, (\\d+) resumed, 0 failed")
                .matcher(resumed.out());
        assertTrue(counts.find(), resumed.out());
        assertTrue(Integer.parseInt(counts.group(2)) > 0 && Integer.parseInt(counts.group(3)) >= 3, resumed.out());
        Map<String, byte[]> again = report(out);
        assertEquals(reference.report().keySet(), again.keySet());
        for (String f : again.keySet()) {
            assertArrayEquals(reference.report().get(f), again.get(f), f);
        }
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(out), left.toList(), "no lock file is left beside the directory");
        }
    }

    private static long storedCells(Path out) throws IOException {
        Path cells = out.resolve(SweepDirectory.CELLS);
        if (!Files.isDirectory(cells)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(cells)) {
            return walk.filter(f -> f.getFileName().toString().endsWith(".cell")).count();
        } catch (java.io.UncheckedIOException e) {
            return 0; // a file renamed while walking
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** Exit code and streams of a child JVM, and its sweep's report ({@link #report}). */
    record Child(int code, String out, String err, Map<String, byte[]> report) {
        @Override
        public String toString() {
            return "exit " + code + "\n  stderr: " + err + "\n  stdout: " + out;
        }
    }

    private static Child quiet;

    /**
     * {@code replearn sweep --quiet} of the smallest claim on {@code local[2]} in a child JVM (Spark logs to the
     * process's real stderr) under a German locale; run once for the tests that read it.
     */
    private static synchronized Child quietGermanSweep() throws IOException, InterruptedException {
        if (quiet == null) {
            Path dir = Files.createTempDirectory("replearn-quiet-sweep-");
            try {
                List<String> command = java("-Duser.language=de", "-Duser.country=DE");
                command.addAll(List.of("sweep", "--only", CLAIM, "--master", "local[2]", "--out",
                        dir.resolve("out").toString(), "--quiet"));
                Process p = new ProcessBuilder(command).directory(dir.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                        .redirectError(dir.resolve("stderr").toFile()).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                int code = p.waitFor();
                quiet = new Child(code, out, Files.readString(dir.resolve("stderr")),
                        code == 0 ? report(dir.resolve("out")) : Map.of());
            } finally {
                SweepHarness.deleteTree(dir);
            }
        }
        return quiet;
    }

    /** A child JVM running {@link SweepCli} with this JVM's module options, a 1 GiB heap and {@code options}. */
    private static List<String> java(String... options) {
        List<String> all = new ArrayList<>(List.of("-Xmx1g"));
        all.addAll(List.of(options));
        List<String> command = SweepHarness.childJava(System.getProperty("java.class.path"),
                all.toArray(String[]::new));
        command.add(SweepCli.class.getName());
        return command;
    }

    /** claims.json (from its claims on) and every CSV of a sweep's report, by name. */
    private static Map<String, byte[]> report(Path dir) throws IOException {
        Map<String, byte[]> files = new java.util.TreeMap<>();
        try (Stream<Path> list = Files.list(dir.resolve(SweepDirectory.REPORT))) {
            for (Path p : list.toList()) {
                String name = p.getFileName().toString();
                if (name.equals("claims.json")) {
                    files.put(name, SweepLocalTest.claims(Files.readAllBytes(p)));
                } else if (name.endsWith(".csv")) {
                    files.put(name, Files.readAllBytes(p));
                }
            }
        }
        assertTrue(files.containsKey("claims.json"), files.keySet().toString());
        return files;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = haystack.length - needle.length; i >= 0; i--) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    /** The last byte of {@code result} whose lowest bit, flipped, still deserializes: a silent change; or -1. */
    private static int silentFlip(byte[] result) {
        for (int i = result.length - 1; i >= 0; i--) {
            byte[] b = result.clone();
            b[i] ^= 1;
            try {
                Codec.decode(b);
                return i;
            } catch (RuntimeException e) {
                // not silent: try an earlier byte
            }
        }
        return -1;
    }
}
