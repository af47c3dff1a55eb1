package org.replearn.sweeps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replearn.checks.claims.api.Cell;
import org.replearn.checks.claims.api.Claim;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.claims.api.Measurement;
import org.replearn.checks.claims.api.Prediction;
import org.replearn.checks.claims.api.Progress;
import org.replearn.checks.claims.api.RunContext;
import org.replearn.checks.claims.api.Scale;
import org.replearn.checks.claims.api.Tolerance;
import org.replearn.checks.claims.paper.Claims;
import org.replearn.checks.cli.ReplearnCli;
import org.replearn.checks.pipeline.Pipeline;
import org.replearn.checks.pipeline.Plan;

/**
 * {@code replearn sweep} on an embedded {@code local[2]} Spark, at quick scale on two claims: the same numbers as
 * {@code reproduce}, bit for bit; resuming; a failing cell.
 */
class SweepLocalTest {
    private static final String CLAIMS = "sample-complexity-r,hermite-identities";

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    static Run sweep(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("sweep"));
        all.addAll(List.of(args));
        int code = SweepCli.execute(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    /** claims.json and every CSV of the report, bit for bit; and the cells, resumed after half of them are lost. */
    @Test
    void sweepGivesTheNumbersOfReproduceAndResumes() throws IOException {
        Path reproduce = tmp.resolve("reproduce");
        int code = ReplearnCli.execute(new String[] {"reproduce", "--only", CLAIMS, "--seed", "0", "--out",
            reproduce.toString(), "--quiet"}, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        assertEquals(0, code);
        int total = cellCount(CLAIMS, 0);
        int rank = cellCount("sample-complexity-r", 0);
        Path dir = tmp.resolve("sweep");
        Run first = sweep("--only", CLAIMS, "--seed", "0", "--master", "local[2]", "--out", dir.toString(), "--quiet");
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains(total + " cells: " + total + " computed, 0 resumed, 0 failed"), first.out());
        assertSameReport(reproduce, dir.resolve("report"));

        // every cell in the Parquet table, readable by Spark SQL
        try (SparkSession spark = SparkSession.builder().master("local[1]").appName("test")
                .config("spark.ui.enabled", "false").getOrCreate()) {
            Dataset<Row> cells = spark.read().parquet(dir.resolve("cells.parquet").toString());
            assertEquals(total, cells.count());
            assertEquals(rank, cells.filter("claim = 'sample-complexity-r' and status = 'done'").count());
        }

        // an interrupted sweep: half of the stored cells lost; the rerun computes them and ends identical
        List<Path> stored;
        try (Stream<Path> walk = Files.walk(dir.resolve("cells"))) {
            stored = walk.filter(p -> p.toString().endsWith(".cell")).sorted().toList();
        }
        assertEquals(total, stored.size());
        int lost = (total + 1) / 2;
        for (int i = 0; i < stored.size(); i += 2) {
            Files.delete(stored.get(i));
        }
        Run resumed = sweep("--only", CLAIMS, "--seed", "0", "--master", "local[2]", "--out", dir.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertFalse(resumed.err().contains("is corrupt"), resumed.err());
        assertTrue(resumed.err().contains(total + " cells, " + (total - lost) + " already in the directory, " + lost
                + " to compute"), resumed.err());
        assertTrue(resumed.out().contains(total + " cells: " + lost + " computed, " + (total - lost) + " resumed, 0 failed"), resumed.out());
        assertSameReport(reproduce, dir.resolve("report"));

        // another seed is another configuration: nothing is reused
        Run otherSeed = sweep("--only", "hermite-identities", "--seed", "1", "--master", "local[1]", "--out",
                dir.toString(), "--quiet");
        assertEquals(0, otherSeed.code(), otherSeed.err());
        int hermite = cellCount("hermite-identities", 1);
        assertTrue(otherSeed.out().contains(hermite + " cells: " + hermite + " computed, 0 resumed"), otherSeed.out());
    }

    /** The number of quick-scale cells of the comma-separated claims at this master seed. */
    private static int cellCount(String ids, long seed) {
        RunContext ctx = new RunContext(Scale.QUICK, seed, 1, Progress.NONE);
        return Plan.of(Claims.select(List.of(ids.split(","))), ctx).stream().mapToInt(p -> p.cells().size()).sum();
    }

    /**
     * The claims of {@code claims.json} (everything after its {@code run}, which names the command and the master)
     * and every CSV, byte for byte.
     */
    static void assertSameReport(Path expected, Path actual) throws IOException {
        List<String> files;
        try (Stream<Path> list = Files.list(expected)) {
            files = list.map(p -> p.getFileName().toString())
                    .filter(n -> n.equals("claims.json") || n.endsWith(".csv")).sorted().toList();
        }
        assertTrue(files.size() >= 5, files.toString());
        for (String f : files) {
            byte[] want = Files.readAllBytes(expected.resolve(f));
            byte[] got = Files.readAllBytes(actual.resolve(f));
            if (f.equals("claims.json")) {
                want = claims(want);
                got = claims(got);
            }
            assertArrayEquals(want, got, f);
        }
    }

    /** The bytes of {@code claims.json} from its top-level {@code "claims"} member (indented by two) on. */
    static byte[] claims(byte[] json) {
        String text = new String(json, StandardCharsets.UTF_8);
        int at = text.indexOf("\n  \"claims\" : [");
        assertTrue(at > text.indexOf("\n  \"run\" : {"), "claims.json has a run and then its claims");
        return text.substring(at).getBytes(StandardCharsets.UTF_8);
    }

    /** A test claim: cell {@code flaky} fails its first attempt, {@code broken} every attempt. */
    public static final class FlakyClaim implements Claim<FlakyClaim.Key, Double> {
        /** A cell. */
        public record Key(String key) implements Cell {
            @Override
            public double work() {
                return 1;
            }

            @Override
            public long memoryBytes() {
                return 1;
            }
        }

        @Override
        public String id() {
            return "flaky";
        }

        @Override
        public String statement() {
            return "test claim";
        }

        @Override
        public List<Key> cells(RunContext ctx) {
            return List.of(new Key("ok"), new Key("flaky"), new Key("broken"));
        }

        @Override
        public Double compute(Key cell, RunContext ctx) {
            int attempt = TaskContext.get().attemptNumber();
            if (cell.key().equals("broken") || cell.key().equals("flaky") && attempt == 0) {
                throw new IllegalStateException("boom in " + cell.key() + " attempt " + attempt);
            }
            return (double) attempt;
        }

        @Override
        public ClaimResult reduce(List<Double> results, RunContext ctx) {
            return ClaimResult.builder(id(), statement()).prediction(Prediction.equality(0, "-"))
                    .measured(Measurement.exact(0, results.toString())).tolerance(Tolerance.none("-"))
                    .rationale("-").holds(true).build();
        }
    }

    /**
     * Spark retries a failing task; a cell that fails every attempt is its claim's internal error, the other claims
     * complete.
     */
    @Test
    void failedCellIsRetriedThenReportedWhileTheOthersComplete() throws Exception {
        SweepDirectory dir = SweepDirectory.check(tmp.resolve("flaky").toString());
        dir.prepare();
        Pipeline.Outcome outcome;
        SparkExecutor executor;
        try (SparkCells spark = new SparkCells("local[2]")) {
            executor = new SparkExecutor(dir, spark, null, new PrintWriter(new StringWriter(), true));
            outcome = Pipeline.run(List.of(new FlakyClaim(), new org.replearn.checks.claims.paper.HermiteIdentitiesClaim()),
                    new RunContext(Scale.QUICK, 0, 1, Progress.NONE), executor, (r, seconds) -> { });
        }
        assertEquals(1, executor.failed());
        ClaimResult flaky = outcome.results().get(0);
        assertFalse(flaky.holds());
        assertTrue(flaky.error().contains("cell broken failed after 4 attempts")
                && flaky.error().contains("boom in broken attempt 3"), flaky.error());
        assertTrue(outcome.results().get(1).holds(), outcome.results().get(1).measured().text());
        assertNull(outcome.results().get(1).error());
        CellTable.Row retried = executor.rows().get(1);
        assertEquals("flaky", retried.cell());
        assertEquals(1.0, retried.result());
        assertNull(retried.error());
        CellTable.Row broken = executor.rows().get(2);
        assertNull(broken.stored());
        assertNotNull(broken.error());
        // the failed cell is not stored: a rerun tries it again
        StringWriter warnings = new StringWriter();
        assertEquals(2, dir.load("flaky", executor.hashes().get("flaky"), new PrintWriter(warnings, true)).size());
        assertEquals("", warnings.toString());
    }

    /** Bad input: one line naming the flag, exit 2, before any work; the directory of a user is left untouched. */
    @Test
    void badInputIsRefusedBeforeAnyWork() throws IOException {
        Path mine = tmp.resolve("mine");
        Files.createDirectories(mine);
        Files.writeString(mine.resolve("notes.txt"), "mine");
        String[][] cases = {{"--master", "mesos://host:5050"}, {"--master", "local[0]"}, {"--only", "no-such-claim"},
            {"--out", mine.toString()}, {"--out", mine.resolve("notes.txt").toString()}, {"--scale", "huge"}};
        for (String[] c : cases) {
            Run r = sweep(c);
            assertEquals(2, r.code(), String.join(" ", c) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains(c[0]), r.err());
        }
        assertEquals(List.of(mine.resolve("notes.txt")), Files.list(mine).toList());
    }

    /** The paper scale's size, before anything runs. */
    @Test
    void dryRunSizesThePaperScale() {
        Run r = sweep("--scale", "paper", "--dry-run");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("sample-complexity") && r.out().contains("total"), r.out());
        assertTrue(r.out().contains("scale paper:"), r.out());
    }
}
