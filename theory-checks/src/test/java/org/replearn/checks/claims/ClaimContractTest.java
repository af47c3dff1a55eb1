package org.replearn.checks.claims;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintWriter;
import java.io.Serializable;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
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
import org.replearn.checks.pipeline.Finish;
import org.replearn.checks.pipeline.InProcess;
import org.replearn.checks.pipeline.Pipeline;
import org.replearn.checks.report.ProgressLine;
import org.replearn.checks.report.Report;
import org.replearn.checks.report.RunMetadata;
import org.replearn.checks.report.ReportDirectory;
import org.replearn.checks.report.ReportSchemas;
import org.replearn.checks.report.ReportWriter;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The contract every registered claim keeps ({@link Claim}), checked on one run of each at quick scale and master
 * seed 0: cell keys kebab-case, unique and stable; every cell result survives Java serialization bit for bit; a
 * cell recomputed gives the same bytes; the result states its prediction, measurement and tolerance, has at least
 * one negative control, rejects every control and holds. And a claim whose code throws is an internal error of the
 * run (exit 3, the claim named) while the other claims complete. The claims' own properties over several seeds are
 * in the {@code properties} tests.
 */
class ClaimContractTest {
    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final RunContext CTX = new RunContext(Scale.QUICK, 0, 2, Progress.NONE);

    /**
     * One claim's run: its cells listed twice, the results of the first listing and the verdict; or what the claim
     * threw (then every check of it fails with that).
     */
    private record Run(Claim<?, ?> claim, List<? extends Cell> cells, List<? extends Cell> listedAgain,
            List<?> results, ClaimResult result, RuntimeException thrown) {
    }

    private static final Map<String, Run> RUNS = new LinkedHashMap<>();

    @BeforeAll
    static void runEveryClaimOnce() {
        for (Claim<?, ?> claim : Claims.all()) {
            RUNS.put(claim.id(), run(claim));
        }
    }

    private static <C extends Cell, R extends Serializable> Run run(Claim<C, R> claim) {
        try {
            List<C> cells = claim.cells(CTX);
            List<R> results = InProcess.computeAll(claim, cells, CTX);
            return new Run(claim, cells, claim.cells(CTX), results, claim.reduce(results, CTX), null);
        } catch (RuntimeException e) {
            return new Run(claim, null, null, null, null, e);
        }
    }

    /** Runs {@code check} on every claim's run, reporting every failure. */
    private static void everyClaim(java.util.function.Consumer<Run> check) {
        List<Executable> all = new ArrayList<>();
        for (Run r : RUNS.values()) {
            all.add(() -> {
                if (r.thrown() != null) {
                    throw new AssertionError(r.claim().id() + " threw: " + r.thrown(), r.thrown());
                }
                check.accept(r);
            });
        }
        assertEquals(Claims.ids().size(), all.size());
        assertAll(all);
    }

    @Test
    void cellKeysAreKebabCaseUniqueAndStable() {
        everyClaim(r -> {
            List<String> keys = r.cells().stream().map(Cell::key).toList();
            assertFalse(keys.isEmpty(), r.claim().id() + " has no cells");
            for (String k : keys) {
                assertTrue(KEY.matcher(k).matches(), r.claim().id() + ": cell key '" + k + "' is not kebab-case");
            }
            assertEquals(keys.size(), new HashSet<>(keys).size(), r.claim().id() + ": keys not unique " + keys);
            assertEquals(keys, r.listedAgain().stream().map(Cell::key).toList(), r.claim().id() + ": keys unstable");
        });
    }

    @Test
    void everyCellResultSurvivesJavaSerializationBitForBit() {
        everyClaim(r -> {
            assertEquals(r.cells().size(), r.results().size(), r.claim().id());
            for (int i = 0; i < r.results().size(); i++) {
                byte[] once = bytes(r.results().get(i));
                byte[] twice = bytes(object(once));
                assertArrayEquals(once, twice, r.claim().id() + " cell " + r.cells().get(i).key());
            }
        });
    }

    /** The cheapest cell (by {@link Cell#work}) computed again gives the same bytes. */
    @Test
    void theCheapestCellRecomputedGivesTheSameBytes() {
        everyClaim(r -> {
            int cheapest = 0;
            for (int i = 1; i < r.cells().size(); i++) {
                if (r.cells().get(i).work() < r.cells().get(cheapest).work()) {
                    cheapest = i;
                }
            }
            assertArrayEquals(bytes(r.results().get(cheapest)), bytes(recompute(r.claim(), cheapest)),
                    r.claim().id() + " cell " + r.cells().get(cheapest).key());
        });
    }

    private static <C extends Cell, R extends Serializable> R recompute(Claim<C, R> claim, int index) {
        return claim.compute(claim.cells(CTX).get(index), CTX);
    }

    @Test
    void everyResultStatesItsNumbersRejectsEveryControlAndHolds() {
        everyClaim(r -> {
            ClaimResult c = r.result();
            String id = r.claim().id();
            assertEquals(id, c.id());
            assertNotNull(c.prediction(), id);
            assertNotNull(c.measured(), id);
            assertNotNull(c.tolerance(), id);
            assertFalse(c.prediction().text().isBlank() || c.measured().text().isBlank()
                    || c.tolerance().derivation().isBlank(), id + ": a prediction, measurement or tolerance without text");
            assertFalse(c.controls().isEmpty(), id + " has no negative control");
            for (ClaimResult.Control k : c.controls()) {
                assertTrue(k.rejected(), id + ": control '" + k.variant() + "' was not rejected");
            }
            assertNull(c.error(), id);
            assertTrue(c.holds(), id + ": " + c.measured().text());
        });
    }

    /**
     * A claim that throws listing its cells, computing one or reducing them is reported as not holding with its
     * error, the run's exit code is {@link ReplearnCli#INTERNAL} with one line per such claim naming it, and the
     * other claims still run and the report is written.
     */
    @Test
    void aClaimThatThrowsIsAnInternalErrorAndTheOthersComplete(@TempDir Path tmp) throws Exception {
        List<Claim<?, ?>> claims = List.of(new Throwing(Stage.CELLS), new Throwing(Stage.COMPUTE),
                new Throwing(Stage.NONE), new Throwing(Stage.REDUCE));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(CommandSpec.create().name("reproduce"));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> printed = new java.util.ArrayList<>();
        Pipeline.Outcome outcome = Pipeline.run(claims, CTX,
                new InProcess(new ProgressLine(cli.getErr(), ProgressLine.Mode.OFF, claims.size())),
                (r, seconds) -> printed.add(r.id()));
        assertEquals(claims.stream().map(Claim::id).toList(), printed, "every verdict handed over once, in order");
        List<ClaimResult> results = outcome.results();
        assertEquals(4, results.size());
        for (int i : new int[] {0, 1, 3}) {
            assertFalse(results.get(i).holds(), results.get(i).id());
            assertTrue(results.get(i).error().contains("boom in " + claims.get(i).id()), results.get(i).error());
        }
        assertTrue(results.get(2).holds());
        assertNull(results.get(2).error());

        Report report = new Report(RunMetadata.capture(List.of("reproduce"), "test"), configuration(claims), results,
                outcome.seconds(), 0);
        int code = Finish.finish(cli.getCommandSpec(), report, ReportDirectory.check(tmp.resolve("r").toString()),
                new Finish.Wording("r", "", "", "nothing was changed there"));
        assertEquals(ReplearnCli.INTERNAL, code, err.toString());
        List<String> lines = err.toString().lines().toList();
        assertEquals(3, lines.size(), err.toString());
        for (int i : new int[] {0, 1, 3}) {
            String id = claims.get(i).id();
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("reproduce: internal error in claim '" + id + "': ")
                    && l.contains("boom in " + id) && l.endsWith("(a bug: please report the command line)")),
                    err.toString());
        }
        assertTrue(out.toString().contains("1 of 4 claims hold"), out.toString());
        assertEquals(java.util.Set.of(), ReportSchemas.errors(tmp.resolve("r")), "the report of failed claims");
    }

    /** The report of every registered claim's run follows the schemas of claims.json and config.json. */
    @Test
    void theReportOfEveryClaimFollowsTheSchemas(@TempDir Path tmp) throws Exception {
        List<ClaimResult> results = new ArrayList<>();
        for (Run r : RUNS.values()) {
            assertNull(r.thrown(), r.claim().id());
            results.add(r.result());
        }
        Report report = new Report(RunMetadata.capture(List.of("reproduce"), "test"),
                configuration(RUNS.values().stream().<Claim<?, ?>>map(Run::claim).toList()), results, Map.of(), 0);
        ReportWriter.write(report, ReportDirectory.check(tmp.resolve("all").toString()));
        assertEquals(java.util.Set.of(), ReportSchemas.errors(tmp.resolve("all")));
    }

    /** The part of config.json every run records: scale, seed and the claims. */
    private static Map<String, Object> configuration(List<Claim<?, ?>> claims) {
        return Map.of("scale", CTX.scale().label(), "seed", CTX.seed(), "claims",
                claims.stream().map(Claim::id).toList());
    }

    private enum Stage {
        NONE, CELLS, COMPUTE, REDUCE
    }

    /** A test claim that throws at one stage (or holds, at {@link Stage#NONE}). */
    private record Throwing(Stage stage) implements Claim<Throwing.Key, Integer> {
        record Key(String key) implements Cell {
            @Override
            public double work() {
                return 1;
            }

            @Override
            public long memoryBytes() {
                return 0;
            }
        }

        @Override
        public String id() {
            return "throws-in-" + stage.name().toLowerCase(java.util.Locale.ROOT);
        }

        @Override
        public String statement() {
            return "a test claim";
        }

        @Override
        public List<Key> cells(RunContext ctx) {
            fail(Stage.CELLS);
            return List.of(new Key("a"), new Key("b"));
        }

        @Override
        public Integer compute(Key cell, RunContext ctx) {
            if (cell.key().equals("b")) {
                fail(Stage.COMPUTE);
            }
            return 1;
        }

        @Override
        public ClaimResult reduce(List<Integer> results, RunContext ctx) {
            fail(Stage.REDUCE);
            return ClaimResult.builder(id(), statement()).prediction(Prediction.equality(2, "two cells of one"))
                    .measured(Measurement.exact(results.size(), "two")).tolerance(Tolerance.of(0, "exact"))
                    .rationale("a count").holds(results.size() == 2)
                    .control("three cells", true, Measurement.exact(3, "three")).build();
        }

        private void fail(Stage at) {
            if (stage == at) {
                throw new IllegalStateException("boom in " + id());
            }
        }
    }

    private static byte[] bytes(Object value) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(b)) {
            o.writeObject(value);
        } catch (IOException e) {
            throw new AssertionError("cannot serialize " + value.getClass().getName() + ": " + e, e);
        }
        return b.toByteArray();
    }

    private static Object object(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new AssertionError("cannot deserialize: " + e, e);
        }
    }
}
