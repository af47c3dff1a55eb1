package org.replearn.sweeps;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;
import org.apache.spark.api.java.JavaFutureAction;
import org.replearn.checks.claims.api.Cell;
import org.replearn.checks.claims.api.Claim;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.claims.api.Progress;
import org.replearn.checks.claims.api.RunContext;
import org.replearn.checks.claims.api.Scale;

/**
 * Runs claims as cells on Spark, resumably: lists every claim's cells ({@link Claim#cells}), reuses the cells
 * already stored in the sweep directory under the same {@link ConfigHash}, computes the others as Spark jobs (longest
 * first), stores each result as it arrives, then reduces every claim on the driver with the claim's own
 * {@link Claim#reduce}: the numbers are those of {@code reproduce}. A cell that fails every attempt is reported
 * with its error; its claim does not hold, the other claims complete.
 */
final class Sweeper {
    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]*");

    /** One claim's plan: its cells, configuration hash and what is already stored. */
    record Plan(Claim<?, ?> claim, List<? extends Cell> list, String hash,
            Map<String, SweepDirectory.StoredCell> stored) {
    }

    /**
     * What a sweep produced.
     *
     * @param results   one result per claim, in order
     * @param seconds   per claim: the summed wall time of its cells
     * @param rows      one row per cell
     * @param computed  cells computed by this run
     * @param resumed   cells taken from the directory
     * @param failed    cells that failed every attempt
     * @param hashes    configuration hash per claim
     */
    record Outcome(List<ClaimResult> results, Map<String, Double> seconds, List<CellTable.Row> rows, int computed,
            int resumed, int failed, Map<String, String> hashes) {
    }

    private Sweeper() {
    }

    /** The plans of {@code claims} at {@code scale} and {@code seed}, with the cells {@code dir} already holds. */
    static List<Plan> plan(List<Claim<?, ?>> claims, Scale scale, long seed, SweepDirectory dir) throws IOException {
        RunContext ctx = new RunContext(scale, seed, 1, Progress.NONE);
        List<Plan> plans = new ArrayList<>();
        for (Claim<?, ?> claim : claims) {
            List<? extends Cell> list = claim.cells(ctx);
            List<String> keys = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (Cell c : list) {
                if (!KEY.matcher(c.key()).matches() || !seen.add(c.key())) {
                    throw new IllegalStateException("claim " + claim.id() + ": cell key '" + c.key() + "' is not"
                            + " kebab-case or not unique");
                }
                keys.add(c.key());
            }
            String hash = ConfigHash.of(claim.id(), scale, seed, keys);
            plans.add(new Plan(claim, list, hash, dir == null ? Map.of() : dir.load(claim.id(), hash)));
        }
        return plans;
    }

    /** Computes the missing cells on {@code spark} and reduces every claim; {@code log} gets progress lines. */
    static Outcome run(List<Plan> plans, Scale scale, long seed, SweepDirectory dir, SparkCells spark,
            PrintWriter log) throws IOException, InterruptedException {
        record Pending(Plan plan, int index, Cell cell) {
        }
        List<Pending> pending = new ArrayList<>();
        int total = 0;
        int resumed = 0;
        for (Plan p : plans) {
            for (int i = 0; i < p.list().size(); i++) {
                total++;
                if (p.stored().containsKey(p.list().get(i).key())) {
                    resumed++;
                } else {
                    pending.add(new Pending(p, i, p.list().get(i)));
                }
            }
        }
        // the longest cells first (measured CPU seconds per work unit; a claim without a measurement first of all)
        Map<String, DryRun.Cost> costs = DryRun.costs(plans.stream().map(Plan::claim).toList());
        ToDoubleFunction<Pending> estimate = p -> {
            DryRun.Cost c = costs.get(p.plan().claim().id());
            return c == null ? Double.POSITIVE_INFINITY : p.cell().work() * c.secondsPerWork();
        };
        pending.sort(Comparator.comparingDouble(estimate).reversed());
        boolean measured = pending.stream().allMatch(p -> Double.isFinite(estimate.applyAsDouble(p)));
        Map<String, Map<String, SweepDirectory.StoredCell>> done = new LinkedHashMap<>();
        Map<String, Map<String, String>> errors = new LinkedHashMap<>();
        for (Plan p : plans) {
            done.put(p.claim().id(), new LinkedHashMap<>(p.stored()));
            errors.put(p.claim().id(), new LinkedHashMap<>());
        }
        ToDoubleFunction<Pending> weight = p -> measured ? estimate.applyAsDouble(p) : 1;
        SweepProgress progress = new SweepProgress(log, total, resumed, pending.stream().mapToDouble(weight).sum());
        Map<JavaFutureAction<List<byte[]>>, Pending> running = new LinkedHashMap<>();
        int threads = pending.isEmpty() ? 1 : spark.taskCpus();
        for (Pending p : pending) {
            CellTask.Task task = new CellTask.Task(p.plan().claim().getClass().getName(), scale.label(), seed, threads,
                    p.index(), p.cell().key());
            running.put(spark.submit(Codec.encode(task), p.plan().claim().id() + " " + p.cell().key()), p);
        }
        int failed = 0;
        while (!running.isEmpty()) {
            boolean any = false;
            for (var it = running.entrySet().iterator(); it.hasNext();) {
                var e = it.next();
                if (!e.getKey().isDone()) {
                    continue;
                }
                it.remove();
                any = true;
                Pending p = e.getValue();
                String id = p.plan().claim().id();
                try {
                    CellTask.Computed c = (CellTask.Computed) Codec.decode(e.getKey().get().get(0));
                    SweepDirectory.StoredCell s = new SweepDirectory.StoredCell(id, p.cell().key(), p.plan().hash(),
                            c.result(), c.cpuSeconds(), c.wallSeconds());
                    if (dir != null) {
                        dir.save(s);
                    }
                    done.get(id).put(s.key(), s);
                    progress.cellDone(weight.applyAsDouble(p), false);
                } catch (ExecutionException ex) {
                    errors.get(id).put(p.cell().key(), firstLine(ex.getCause() == null ? ex : ex.getCause()));
                    failed++;
                    progress.cellDone(weight.applyAsDouble(p), true);
                }
            }
            progress.maybePrint();
            if (!any) {
                Thread.sleep(50);
            }
        }
        progress.finish();

        List<ClaimResult> results = new ArrayList<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        List<CellTable.Row> rows = new ArrayList<>();
        Map<String, String> hashes = new LinkedHashMap<>();
        RunContext ctx = new RunContext(scale, seed, 1, Progress.NONE);
        for (Plan p : plans) {
            String id = p.claim().id();
            hashes.put(id, p.hash());
            Map<String, SweepDirectory.StoredCell> cells = done.get(id);
            List<Object> decoded = new ArrayList<>();
            double wall = 0;
            for (Cell c : p.list()) {
                SweepDirectory.StoredCell s = cells.get(c.key());
                Object result = s == null ? null : Codec.decode(s.result());
                decoded.add(result);
                wall += s == null ? 0 : s.wallSeconds();
                rows.add(new CellTable.Row(id, c.key(), p.hash(), scale.label(), seed, s, result, c.work(),
                        c.memoryBytes(), errors.get(id).get(c.key())));
            }
            seconds.put(id, wall);
            Map<String, String> failures = errors.get(id);
            results.add(failures.isEmpty() ? reduce(p.claim(), decoded, ctx)
                    : failed(p.claim(), "cell " + String.join(", ", failures.keySet()) + " failed after "
                            + SparkCells.MAX_FAILURES + " attempts: " + failures.values().iterator().next()));
        }
        return new Outcome(results, seconds, rows, total - resumed, resumed, failed, hashes);
    }

    /** The claim's own reduction of its decoded results; a reduction that throws is reported as not holding. */
    @SuppressWarnings("unchecked")
    private static <C extends Cell, R extends Serializable> ClaimResult reduce(Claim<C, R> claim,
            List<Object> results, RunContext ctx) {
        try {
            return claim.reduce((List<R>) (List<?>) results, ctx);
        } catch (RuntimeException e) {
            return failed(claim, "the reduction failed: " + e);
        }
    }

    /** A claim that could not be evaluated, as {@code reproduce} reports an experiment that throws. */
    static ClaimResult failed(Claim<?, ?> claim, String why) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("exception", why);
        return ClaimResult.builder(claim.id(), claim.statement())
                .predicted("(not evaluated)")
                .measured("the experiment failed: " + why)
                .tolerance("(none)")
                .rationale("The experiment did not complete, so the claim is not confirmed.")
                .holds(false)
                .details(details)
                .build();
    }

    private static String firstLine(Throwable t) {
        String m = String.valueOf(t.getMessage());
        String line = m.lines().findFirst().orElse(t.getClass().getSimpleName());
        // Spark's "Job aborted ... most recent failure: Lost task ...): java.lang.X: message" keeps the cause last
        int cause = line.lastIndexOf("): ");
        String shown = cause >= 0 ? line.substring(cause + 3) : line;
        return shown.length() > 400 ? shown.substring(0, 397) + "..." : shown;
    }

    /**
     * Progress lines on stderr: cells done, failed, elapsed, and an ETA from the share of the estimated CPU time done
     * so far (of the cell count when a claim has no measured cost).
     */
    static final class SweepProgress {
        private final PrintWriter log;
        private final int total;
        private final int resumed;
        private final double work;
        private final long start = System.nanoTime();
        private int done;
        private int failed;
        private double workDone;
        private long lastPrint = System.nanoTime();
        private boolean changed;

        SweepProgress(PrintWriter log, int total, int resumed, double work) {
            this.log = log;
            this.total = total;
            this.resumed = resumed;
            this.work = work;
            if (log != null) {
                log.printf(Locale.ROOT, "sweep: %d cells, %d already in the directory, %d to compute%n", total,
                        resumed, total - resumed);
                log.flush();
            }
        }

        void cellDone(double cellWork, boolean cellFailed) {
            done++;
            failed += cellFailed ? 1 : 0;
            workDone += cellWork;
            changed = true;
        }

        void maybePrint() {
            if (log != null && changed && System.nanoTime() - lastPrint > 5_000_000_000L) {
                print();
            }
        }

        void finish() {
            if (log != null && changed) {
                print();
            }
        }

        private void print() {
            double elapsed = (System.nanoTime() - start) * 1e-9;
            String eta = workDone > 0 && workDone < work
                    ? ", ETA " + duration(elapsed * (work - workDone) / workDone) : "";
            log.printf(Locale.ROOT, "sweep: %d/%d cells done (%d resumed%s), %s elapsed%s%n", resumed + done, total,
                    resumed, failed > 0 ? ", " + failed + " failed" : "", duration(elapsed), eta);
            log.flush();
            lastPrint = System.nanoTime();
            changed = false;
        }

        static String duration(double seconds) {
            long s = Math.round(seconds);
            return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                    : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + " s";
        }
    }
}
