package org.replearn.checks.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.replearn.checks.claims.api.Claim;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.claims.api.RunContext;
import org.replearn.checks.pipeline.InProcess;
import org.replearn.checks.report.ProgressLine;
import org.replearn.checks.report.Report;
import org.replearn.checks.report.ReportDirectory;
import org.replearn.checks.report.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code replearn reproduce}: runs every claim of docs/math.md §6 and writes the report directory atomically. Exit code 0
 * when every claim holds, 1 otherwise. A claim whose experiment throws is recorded as not holding, with the
 * exception in its details, so one broken experiment never hides the others.
 */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = "Run the paper's claims as experiment sweeps and write report.md/html, claims.json, CSVs, plots.")
final class ReproduceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ClaimSelection selection;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "replearn-report",
            description = "report directory: a new or empty one, or a previous report (replaced atomically);"
                    + " anything else is refused and left untouched (default: ${DEFAULT-VALUE})")
    String out;

    @Option(names = "--threads", paramLabel = "T", description = "worker threads; results do not depend on it (default: available processors)")
    Integer threads;

    @Option(names = "--quiet", description = "no progress line on stderr")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        int t = threads == null ? Options.defaultThreads() : threads;
        Options.within(spec, "--threads", t, 1, TrainCommand.MAX_THREADS, "use at least one thread");
        List<Claim<?, ?>> claims;
        try {
            claims = selection.claims();
        } catch (IllegalArgumentException e) {
            throw Options.usage(spec, "--only", e.getMessage());
        }
        ReportDirectory destination;
        try {
            destination = ReportDirectory.check(out);
        } catch (ReportDirectory.Unusable e) {
            throw Options.usage(spec, "--out", e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        ProgressLine progress = new ProgressLine(err, !quiet && System.console() != null, claims.size());
        RunContext base = new RunContext(selection.scale(), selection.seed(), t, org.replearn.checks.claims.api.Progress.NONE);
        List<ClaimResult> results = new ArrayList<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        long start = System.nanoTime();
        for (int i = 0; i < claims.size(); i++) {
            Claim<?, ?> c = claims.get(i);
            long s0 = System.nanoTime();
            RunContext ctx = base.withProgress(progress.startClaim(i, c.id()));
            results.add(runSafely(c, ctx));
            progress.finishClaim();
            seconds.put(c.id(), (System.nanoTime() - s0) * 1e-9);
        }
        progress.close();
        double total = (System.nanoTime() - start) * 1e-9;
        Report report = new Report(selection.command("reproduce", claims), configuration(claims, t), results, seconds, total);
        Path written;
        try {
            written = ReportWriter.write(report, destination);
        } catch (ReportDirectory.Unusable e) {
            throw Options.usage(spec, "--out", "changed while the claims ran: " + e.getMessage());
        } catch (IOException e) {
            err.println(spec.qualifiedName() + ": could not write the report to '" + out + "' ("
                    + ReportDirectory.reason(e) + "); nothing was changed there");
            return ReplearnCli.OUT_OF_RESOURCES;
        }
        for (ClaimResult r : results) {
            stdout.printf("%-6s %-22s %s%n", r.holds() ? "holds" : "FAILS", r.id(), r.measured().text());
        }
        stdout.printf("%d of %d claims hold (%.1f s); report in %s%n", results.stream().filter(ClaimResult::holds).count(),
                results.size(), total, written);
        return report.allHold() ? ReplearnCli.OK : ReplearnCli.CLAIM_FAILS;
    }

    private static ClaimResult runSafely(Claim<?, ?> c, RunContext ctx) {
        try {
            return InProcess.run(c, ctx);
        } catch (RuntimeException e) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("exception", e.toString());
            return ClaimResult.builder(c.id(), c.statement())
                    .predicted("(not evaluated)")
                    .measured("the experiment failed: " + e.getMessage())
                    .tolerance("(none)")
                    .rationale("The experiment did not complete, so the claim is not confirmed.")
                    .holds(false)
                    .details(details)
                    .build();
        }
    }

    private Map<String, Object> configuration(List<Claim<?, ?>> claims, int t) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("threads", t);
        run.put("threads_note", "results are bit-identical for every thread count");
        return selection.configuration(claims, run);
    }
}
