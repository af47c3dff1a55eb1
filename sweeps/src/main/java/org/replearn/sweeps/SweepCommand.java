package org.replearn.sweeps;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.replearn.checks.claims.api.Claim;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.cli.ReplearnCli;
import org.replearn.checks.cli.ClaimSelection;
import org.replearn.checks.report.Report;
import org.replearn.checks.report.ReportDirectory;
import org.replearn.checks.report.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code replearn sweep}: the claims of {@code reproduce}, their cells spread over Apache Spark (embedded
 * {@code local[*]} by default, or a cluster), resumable, with every cell's result kept. Exit codes as
 * {@code reproduce}: 0 every claim holds, 1 a claim does not hold (or a cell failed), 2 a bad flag or an unusable
 * {@code --out}, refused before any work, 5 the disk ran out.
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

    @Option(names = "--quiet", description = "no progress lines on stderr")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        List<Claim<?, ?>> claims;
        try {
            claims = selection.claims();
        } catch (IllegalArgumentException e) {
            throw usage("--only", e.getMessage());
        }
        String url = master != null ? master : System.getProperty("spark.master", "local[*]");
        String problem = SparkCells.problem(url);
        if (problem != null) {
            throw usage("--master", problem);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int java = Runtime.version().feature();
        if (!dryRun && java > MAX_JAVA) {
            throw new ParameterException(spec.commandLine(), "Spark 4.0 runs on Java 17 or 21, not on this Java "
                    + java + ": run the sweep with a JDK 17 (e.g. JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64)");
        }
        if (dryRun) {
            DryRun.print(Sweeper.plan(claims, selection.scale(), selection.seed(), null), selection.scale(), stdout);
            return ReplearnCli.OK;
        }
        SweepDirectory dir;
        try {
            dir = SweepDirectory.check(out);
        } catch (SweepDirectory.Unusable e) {
            throw usage("--out", e.getMessage());
        }
        long start = System.nanoTime();
        Sweeper.Outcome outcome;
        String effectiveMaster;
        String sparkVersion;
        try {
            dir.prepare();
            List<Sweeper.Plan> plans = Sweeper.plan(claims, selection.scale(), selection.seed(), dir);
            try (SparkCells spark = new SparkCells(url)) {
                effectiveMaster = spark.master();
                sparkVersion = spark.version();
                outcome = Sweeper.run(plans, selection.scale(), selection.seed(), dir, spark, quiet ? null : err);
            }
            CellTable.write(dir, outcome.rows());
        } catch (IOException e) {
            err.println(spec.qualifiedName() + ": could not write to '" + out + "' (" + ReportDirectory.reason(e)
                    + "); the cells finished so far are kept there, rerun the same command to resume");
            return ReplearnCli.OUT_OF_RESOURCES;
        }
        double total = (System.nanoTime() - start) * 1e-9;
        Report report = new Report(selection.command("sweep", claims), configuration(claims, outcome, effectiveMaster, sparkVersion),
                outcome.results(), outcome.seconds(), total);
        Path written;
        try {
            written = ReportWriter.write(report, dir.report());
        } catch (ReportDirectory.Unusable e) {
            throw usage("--out", "changed while the claims ran: " + e.getMessage());
        } catch (IOException e) {
            err.println(spec.qualifiedName() + ": could not write the report to '" + out + "' ("
                    + ReportDirectory.reason(e) + "); the cells are kept there, rerun the same command to resume");
            return ReplearnCli.OUT_OF_RESOURCES;
        }
        for (ClaimResult r : outcome.results()) {
            stdout.printf("%-6s %-22s %s%n", r.holds() ? "holds" : "FAILS", r.id(), r.measured().text());
        }
        stdout.printf("%d of %d claims hold (%.1f s; %d cells: %d computed, %d resumed, %d failed); report in %s,"
                + " cells in %s%n", outcome.results().stream().filter(ClaimResult::holds).count(),
                outcome.results().size(), total, outcome.computed() + outcome.resumed(), outcome.computed(),
                outcome.resumed(), outcome.failed(), written, dir.path().resolve(SweepDirectory.CELLS_PARQUET));
        return report.allHold() ? ReplearnCli.OK : ReplearnCli.CLAIM_FAILS;
    }

    private ParameterException usage(String flag, String problem) {
        return new ParameterException(spec.commandLine(), "invalid value for option '" + flag + "': " + problem);
    }

    private Map<String, Object> configuration(List<Claim<?, ?>> claims, Sweeper.Outcome outcome, String effectiveMaster,
            String sparkVersion) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("master", effectiveMaster);
        run.put("spark_version", sparkVersion);
        run.put("threads_note", "one thread per Spark task (spark.task.cpus); results are bit-identical for every"
                + " thread count and cell order");
        run.put("config_hashes", outcome.hashes());
        run.put("cells", Map.of("total", outcome.computed() + outcome.resumed(), "computed", outcome.computed(),
                "resumed", outcome.resumed(), "failed", outcome.failed()));
        return selection.configuration(claims, run);
    }
}
