package org.replearn.sweeps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.replearn.checks.claims.api.Claim;
import org.replearn.checks.claims.api.Progress;
import org.replearn.checks.claims.api.RunContext;
import org.replearn.checks.cli.ClaimSelection;
import org.replearn.checks.cli.Options;
import org.replearn.checks.cli.ReplearnCli;
import org.replearn.checks.pipeline.Finish;
import org.replearn.checks.pipeline.Pipeline;
import org.replearn.checks.pipeline.Plan;
import org.replearn.checks.report.OutputDirectory;
import org.replearn.checks.report.Report;
import org.replearn.checks.report.RunMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code replearn sweep}: the claims of {@code reproduce}, their cells spread over Apache Spark (embedded
 * {@code local[*]} by default, or a cluster), resumable, with every cell's result kept: the {@link Pipeline} of
 * {@code reproduce} with the {@link SparkExecutor}. Exit codes as {@code reproduce}: 0 every claim holds, 1 a claim
 * does not hold, 2 a bad flag, an unusable {@code --out}, an unreachable master ({@link SparkMaster}), a missing or
 * unwritable {@code java.io.tmpdir} or a Spark context that does not start, 3 a claim's code failed (a cell failed
 * every attempt, or the reduction threw), 5 a heap below Spark's minimum, the disk ran out or the cluster gave the
 * sweep up (its cells kept). Every refusal comes before {@code --out} is created: Spark's context is started first.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Run the claims' sweeps cell by cell on Spark (embedded local mode or a cluster), resumably;"
                + " writes the report of 'reproduce' plus every cell's result (Parquet and CSV).")
final class SweepCommand implements Callable<Integer> {
    /** The newest Java that Spark 4.0 runs on (Hadoop's {@code Subject.getSubject} is gone from later ones). */
    private static final int MAX_JAVA = 21;

    @Spec
    CommandSpec spec;

    @Mixin
    ClaimSelection selection;

    @Option(names = "--master", paramLabel = "URL",
            description = "local[*] (default: this JVM, every core), local[N], spark://HOST:PORT, yarn or k8s://URL;"
                    + " under spark-submit, the master spark-submit was given")
    String master;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "replearn-sweep",
            description = "sweep directory: a new or empty one, or a previous sweep's (its finished cells are reused);"
                    + " anything else is refused and left untouched (default: ${DEFAULT-VALUE})")
    String out;

    @Option(names = "--dry-run", description = "print the number of cells, CPU-hours and memory per cell, and stop")
    boolean dryRun;

    @Option(names = "--time-cell", paramLabel = "KEY",
            description = "with --dry-run and one --only claim: also compute that claim's cell KEY here, on one"
                    + " thread, and print its CPU time beside the price")
    String timeCell;

    @Option(names = "--quiet", description = "no progress lines on stderr")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        List<Claim<?, ?>> claims;
        try {
            claims = selection.claims();
        } catch (IllegalArgumentException e) {
            throw Options.usage(spec, "--only", e.getMessage());
        }
        String url = master != null ? master : System.getProperty("spark.master", "local[*]");
        String problem = SparkMaster.problem(url);
        if (problem != null) {
            throw Options.usage(spec, "--master", problem);
        }
        RunContext ctx = new RunContext(selection.scale(), selection.seed(), 1, Progress.NONE);
        int java = Runtime.version().feature();
        if (!dryRun && java > MAX_JAVA) {
            throw new ParameterException(spec.commandLine(), "Spark 4.0 runs on Java 17 or 21, not on this Java "
                    + java + ": run the sweep with a JDK 17 (e.g. JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64)");
        }
        if (timeCell != null && (!dryRun || claims.size() != 1)) {
            throw Options.usage(spec, "--time-cell", "it prices one cell of one claim: give it with --dry-run and"
                    + " one claim in --only");
        }
        List<Plan<?, ?>> plans = Plan.of(claims, ctx);
        if (timeCell != null && !plans.get(0).keys().contains(timeCell)) {
            throw Options.usage(spec, "--time-cell", "'" + timeCell + "' is not a cell of " + claims.get(0).id()
                    + " at scale " + selection.scale().label() + ": use one of " + DryRun.someKeys(plans.get(0)));
        }
        if (dryRun) {
            DryRun.print(plans, selection.scale(), spec.commandLine().getOut());
            if (timeCell != null) {
                DryRun.timeCell(plans.get(0), ctx, timeCell, spec.commandLine().getOut());
            }
            return ReplearnCli.OK;
        }
        SweepDirectory dir;
        try {
            dir = SweepDirectory.check(out);
        } catch (OutputDirectory.Unusable e) {
            throw Options.usage(spec, "--out", e.getMessage());
        }
        String tmp = temporaryDirectoryProblem();
        if (tmp != null) {
            throw new ParameterException(spec.commandLine(), tmp);
        }
        long heap = Runtime.getRuntime().maxMemory();
        if (heap < SparkCells.MIN_HEAP_BYTES) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": the heap allows " + (heap >> 20)
                    + " MiB and Spark needs at least " + (SparkCells.MIN_HEAP_BYTES >> 20) + " MiB: give a larger"
                    + " heap, e.g. REPLEARN_JAVA_OPTS=-Xmx2g ./replearn sweep ...; nothing was written");
            return ReplearnCli.OUT_OF_RESOURCES;
        }
        String unreachable = SparkMaster.unreachable(url, SparkMaster.TIMEOUT_MILLIS);
        if (unreachable != null) {
            throw Options.usage(spec, "--master", unreachable);
        }
        RunMetadata run = RunMetadata.capture(spec.commandLine().getParseResult().originalArgs(),
                selection.command("sweep", claims));
        long start = System.nanoTime();
        Pipeline.Outcome outcome;
        SparkExecutor executor;
        String effectiveMaster;
        String sparkVersion;
        SparkCells spark;
        try {
            SparkCells.quietHostnameWarning(url, quiet);
            spark = new SparkCells(url);
        } catch (RuntimeException e) {
            throw Options.usage(spec, "--master", "Spark could not start on '" + url + "' (" + rootCause(e)
                    + "); nothing was written");
        }
        try (spark) {
            dir.prepare();
            effectiveMaster = spark.master();
            sparkVersion = spark.version();
            executor = new SparkExecutor(dir, spark, quiet ? null : spec.commandLine().getErr(),
                    spec.commandLine().getErr());
            outcome = Pipeline.run(claims, ctx, executor, (r, seconds) -> {
                spec.commandLine().getOut().println(Finish.verdictLine(r, seconds));
                spec.commandLine().getOut().flush();
            });
            CellTable.write(dir, executor.rows());
            dir.finish();
        } catch (IOException e) {
            spec.commandLine().getErr().println(spec.qualifiedName() + (SparkCells.shuttingDown()
                    ? ": " + SweepDirectory.INTERRUPTED + "; the cells finished so far are kept in '" + out + "'"
                    : ": could not write to '" + out + "' (" + OutputDirectory.reason(e) + "); the cells finished so"
                            + " far are kept there") + ", rerun the same command to resume");
            return ReplearnCli.OUT_OF_RESOURCES;
        } catch (SparkCells.Stopped e) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": the cluster gave the sweep up ("
                    + e.getMessage() + "), e.g. its executors could not start: see the master's and the workers'"
                    + " logs (docs/sweeps.md, \"A cluster by hand\"); the cells finished so far are kept in '" + out
                    + "', rerun the same command to resume");
            return ReplearnCli.OUT_OF_RESOURCES;
        }
        Report report = new Report(run,
                configuration(claims, executor, effectiveMaster, sparkVersion), outcome.results(), outcome.seconds(),
                (System.nanoTime() - start) * 1e-9);
        String cells = String.format(Locale.ROOT, "; %d cells: %d computed, %d resumed, %d failed",
                executor.computed() + executor.resumed(), executor.computed(), executor.resumed(), executor.failed());
        return Finish.finish(spec, report, dir.report(), new Finish.Wording(out, cells,
                ", cells in " + dir.path().resolve(SweepDirectory.CELLS_PARQUET),
                "the cells are kept there, rerun the same command to resume"));
    }

    /**
     * The JVM's {@code java.io.tmpdir}, where Spark keeps its scratch files: a problem in words when it is missing, not
     * a directory or not writable (tried with one temporary file, deleted at once); null when usable. Never creates it.
     */
    static String temporaryDirectoryProblem() {
        String property = System.getProperty("java.io.tmpdir", "");
        Path tmp = Path.of(property);
        if (!Files.isDirectory(tmp)) {
            return "the temporary directory java.io.tmpdir='" + property + "' " + (Files.exists(tmp)
                    ? "is not a directory" : "does not exist") + ": Spark keeps its scratch files there; give an"
                    + " existing writable one, e.g. REPLEARN_JAVA_OPTS=-Djava.io.tmpdir=/tmp";
        }
        try {
            Files.delete(Files.createTempFile(tmp, "replearn-", ".probe"));
            return null;
        } catch (IOException | SecurityException e) {
            return "the temporary directory java.io.tmpdir='" + property + "' is not writable ("
                    + OutputDirectory.reason(e) + "): Spark keeps"
                    + " its scratch files there; give a writable one, e.g. REPLEARN_JAVA_OPTS=-Djava.io.tmpdir=/tmp";
        }
    }

    /** The innermost cause's message, on one line. */
    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.lines().findFirst().orElse(message).strip();
    }

    private Map<String, Object> configuration(List<Claim<?, ?>> claims, SparkExecutor executor,
            String effectiveMaster, String sparkVersion) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("master", effectiveMaster);
        run.put("spark_version", sparkVersion);
        run.put("threads_note", "one thread per Spark task (spark.task.cpus); results are bit-identical for every"
                + " thread count and cell order");
        run.put("config_hashes", executor.hashes());
        run.put("cells", Map.of("total", executor.computed() + executor.resumed(), "computed", executor.computed(),
                "resumed", executor.resumed(), "failed", executor.failed()));
        return selection.configuration(claims, run);
    }
}
