package org.replearn.sweeps;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.ToDoubleFunction;
import org.apache.spark.api.java.JavaFutureAction;
import org.replearn.checks.claims.api.Cell;
import org.replearn.checks.claims.api.Claim;
import org.replearn.checks.claims.api.RunContext;
import org.replearn.checks.pipeline.Executor;
import org.replearn.checks.pipeline.Plan;

/**
 * Computes the cells on Spark, resumably: reuses the cells already stored in the sweep directory under the same
 * {@link ConfigHash} (a stored cell that fails verification is named on the warnings and computed again), computes
 * the others as Spark jobs (longest first), and stores each result as it arrives. A cell that fails every attempt
 * makes its claim's error (cells are pure functions: a bug); the other claims complete. On a cluster, a line on the
 * warnings says when every executor is lost (Spark then waits for a worker to join) and when executors are back; a
 * cluster that gives the sweep up (Spark stops the context) ends it with {@link SparkCells.Stopped}, its stored cells
 * kept.
 * Used for one run: after {@link #compute}, its cells as table rows and its counts are kept for the report.
 */
final class SparkExecutor implements Executor {
    /** Nanoseconds between two looks at the cluster's executors while cells run. */
    private static final long WATCH_NANOS = 1_000_000_000L;
    /** The line on the warnings when every executor the sweep had is gone. */
    static final String LOST = "sweep: no executor is left for this sweep (the cluster's workers stopped or were lost);"
            + " waiting for a worker to join. The cells done so far are kept: a sweep stopped now and run again with"
            + " the same command resumes them";
    /** The line on the warnings when executors have joined again after {@link #LOST}. */
    static final String BACK = "sweep: executors are back; computing the remaining cells";
    private final SweepDirectory dir;
    private final SparkCells spark;
    private final PrintWriter log;
    private final PrintWriter warnings;
    private final List<CellTable.Row> rows = new ArrayList<>();
    private final Map<String, String> hashes = new LinkedHashMap<>();
    private int computed;
    private int resumed;
    private int failed;
    private String firstError;
    private boolean hadExecutors;
    private boolean lost;
    private long nextLook;

    /**
     * Cells stored in {@code dir}, computed on {@code spark}, progress lines on {@code log} (none when null), one line
     * per corrupt stored cell on {@code warnings}.
     */
    SparkExecutor(SweepDirectory dir, SparkCells spark, PrintWriter log, PrintWriter warnings) {
        this.dir = dir;
        this.spark = spark;
        this.log = log;
        this.warnings = warnings;
    }

    /** A cell to compute: its claim's plan and its position there. */
    private record Pending(Plan<?, ?> plan, int index, Cell cell) {
    }

    @Override
    public void compute(List<Plan<?, ?>> plans, RunContext ctx, Sink sink) throws IOException, InterruptedException {
        Map<String, Map<String, SweepDirectory.StoredCell>> done = new LinkedHashMap<>();
        Map<String, Map<String, String>> errors = new LinkedHashMap<>();
        List<Pending> pending = new ArrayList<>();
        int total = 0;
        for (Plan<?, ?> p : plans) {
            String id = p.claim().id();
            String hash = ConfigHash.of(id, ctx.scale(), ctx.seed(), p.keys());
            hashes.put(id, hash);
            Map<String, SweepDirectory.StoredCell> stored = dir.load(id, hash, warnings);
            done.put(id, new LinkedHashMap<>());
            errors.put(id, new LinkedHashMap<>());
            for (int i = 0; i < p.cells().size(); i++) {
                Cell c = p.cells().get(i);
                total++;
                if (stored.containsKey(c.key())) {
                    done.get(id).put(c.key(), stored.get(c.key()));
                    resumed++;
                } else {
                    pending.add(new Pending(p, i, c));
                }
            }
        }
        computed = pending.size();
        computeOnSpark(pending, total, ctx, done, errors);
        for (int i = 0; i < plans.size(); i++) {
            Plan<?, ?> p = plans.get(i);
            sink.computed(i, collect(p, ctx, done.get(p.claim().id()), errors.get(p.claim().id())));
        }
    }

    /**
     * Computes the pending cells as Spark jobs, the longest first (measured CPU seconds per work unit; a claim
     * without a measurement first of all), and stores each result in the directory and in {@code done} as it
     * arrives; a cell that fails every attempt goes to {@code errors}. Once the JVM shuts down (SIGINT, SIGTERM) the
     * cancelled cells are not failures: an {@link IOException} ends the run before any verdict.
     */
    private void computeOnSpark(List<Pending> pending, int total, RunContext ctx,
            Map<String, Map<String, SweepDirectory.StoredCell>> done, Map<String, Map<String, String>> errors)
            throws IOException, InterruptedException {
        Map<String, DryRun.Cost> costs = DryRun.costs(pending.stream().<Claim<?, ?>>map(p -> p.plan().claim())
                .distinct().toList());
        ToDoubleFunction<Pending> estimate = p -> {
            DryRun.Cost c = costs.get(p.plan().claim().id());
            return c == null ? Double.POSITIVE_INFINITY : p.cell().work() * c.secondsPerWork();
        };
        List<Pending> ordered = new ArrayList<>(pending);
        ordered.sort(Comparator.comparingDouble(estimate).reversed());
        boolean measured = ordered.stream().allMatch(p -> Double.isFinite(estimate.applyAsDouble(p)));
        ToDoubleFunction<Pending> weight = p -> measured ? estimate.applyAsDouble(p) : 1;
        SweepProgress progress = new SweepProgress(log, total, resumed, ordered.stream().mapToDouble(weight).sum());
        Map<JavaFutureAction<List<byte[]>>, Pending> running = new LinkedHashMap<>();
        int threads = ordered.isEmpty() ? 1 : spark.taskCpus();
        for (Pending p : ordered) {
            CellTask.Task task = new CellTask.Task(p.plan().claim().getClass().getName(), ctx.scale().label(),
                    ctx.seed(), threads, p.index(), p.cell().key());
            running.put(spark.submit(Codec.encode(task), p.plan().claim().id() + " " + p.cell().key()), p);
        }
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
                    SweepDirectory.StoredCell s = new SweepDirectory.StoredCell(id, p.cell().key(), hashes.get(id),
                            c.result(), c.cpuSeconds(), c.wallSeconds());
                    dir.save(s);
                    done.get(id).put(s.key(), s);
                    progress.cellDone(weight.applyAsDouble(p), false);
                } catch (ExecutionException ex) {
                    if (SparkCells.shuttingDown()) {
                        throw new IOException(SweepDirectory.INTERRUPTED + ": the cells still running were cancelled");
                    }
                    String error = firstLine(ex.getCause() == null ? ex : ex.getCause());
                    errors.get(id).put(p.cell().key(), error);
                    firstError = firstError == null ? error : firstError;
                    failed++;
                    progress.cellDone(weight.applyAsDouble(p), true);
                }
            }
            progress.maybePrint();
            if (!any) {
                watchExecutors();
                Thread.sleep(50);
            }
        }
        progress.finish();
        if (failed > 0 && spark.stoppedByTheCluster(SparkCells.STOP_WAIT_MILLIS)) {
            throw new SparkCells.Stopped(firstError);
        }
    }

    /**
     * At most once per {@link #WATCH_NANOS}: says {@link #LOST} when every executor seen so far is gone, then
     * {@link #BACK} when one has joined.
     */
    private void watchExecutors() {
        long now = System.nanoTime();
        if (now - nextLook < 0) {
            return;
        }
        nextLook = now + WATCH_NANOS;
        int executors = spark.executors();
        if (executors == 0 && hadExecutors && !lost || executors > 0 && lost) {
            lost = !lost;
            warnings.println(lost ? LOST : BACK);
            warnings.flush();
        }
        hadExecutors |= executors > 0;
    }

    /** One claim's results in the order of its cells (and its table rows), or its error. */
    private Computed collect(Plan<?, ?> p, RunContext ctx, Map<String, SweepDirectory.StoredCell> done,
            Map<String, String> errors) {
        String id = p.claim().id();
        List<Object> results = new ArrayList<>();
        double wall = 0;
        for (Cell c : p.cells()) {
            SweepDirectory.StoredCell s = done.get(c.key());
            Object result = s == null ? null : Codec.decode(s.result());
            results.add(result);
            wall += s == null ? 0 : s.wallSeconds();
            rows.add(new CellTable.Row(id, c.key(), hashes.get(id), ctx.scale().label(), ctx.seed(), s, result,
                    c.work(), c.memoryBytes(), errors.get(c.key())));
        }
        if (p.error() != null) {
            return Computed.failed(p.error(), wall);
        }
        if (!errors.isEmpty()) {
            return Computed.failed("cell " + String.join(", ", errors.keySet()) + " failed after "
                    + SparkCells.MAX_FAILURES + " attempts: " + errors.values().iterator().next(), wall);
        }
        return Computed.of(results, wall);
    }

    /** One row per cell of the last {@link #compute}. */
    List<CellTable.Row> rows() {
        return rows;
    }

    /** The configuration hash per claim id. */
    Map<String, String> hashes() {
        return hashes;
    }

    /** Cells computed by this run (failed ones included). */
    int computed() {
        return computed;
    }

    /** Cells taken from the directory. */
    int resumed() {
        return resumed;
    }

    /** Cells that failed every attempt. */
    int failed() {
        return failed;
    }

    private static String firstLine(Throwable t) {
        String m = String.valueOf(t.getMessage());
        String line = m.lines().findFirst().orElse(t.getClass().getSimpleName());
        // Spark's "Job aborted ... most recent failure: Lost task ...): java.lang.X: message" keeps the cause last
        int cause = line.lastIndexOf("): ");
        String shown = cause >= 0 ? line.substring(cause + 3) : line;
        return shown.length() > 400 ? shown.substring(0, 397) + "..." : shown;
    }
}
