package org.replearn.checks.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.replearn.checks.claims.api.Claim;
import org.replearn.checks.claims.api.Progress;
import org.replearn.checks.claims.api.RunContext;
import org.replearn.checks.pipeline.Finish;
import org.replearn.checks.pipeline.InProcess;
import org.replearn.checks.pipeline.Pipeline;
import org.replearn.checks.report.JUnitXml;
import org.replearn.checks.report.OutputDirectory;
import org.replearn.checks.report.ProgressLine;
import org.replearn.checks.report.Report;
import org.replearn.checks.report.ReportDirectory;
import org.replearn.checks.report.RunMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code replearn reproduce}: runs every claim of docs/math.md §6 in this JVM ({@link Pipeline}, {@link InProcess}) and
 * writes the report directory atomically, and with {@code --junit FILE} the verdicts as JUnit XML ({@link JUnitXml}).
 * Exit code 0 when every claim holds, 1 when one does not, 3 when a claim's
 * code throws (it is reported as not holding, with its error, and the other claims still run).
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

    @Option(names = "--junit", paramLabel = "FILE", description = "also write the verdicts as JUnit XML (one test case"
            + " per claim and per control) to FILE: a new file, or one replearn wrote")
    String junit;

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
        } catch (OutputDirectory.Unusable e) {
            throw Options.usage(spec, "--out", e.getMessage());
        }
        Path junitFile = null;
        if (junit != null) {
            try {
                junitFile = JUnitXml.check(junit);
            } catch (OutputDirectory.Unusable e) {
                throw Options.usage(spec, "--junit", "'" + junit + "' " + e.getMessage());
            }
        }
        ProgressLine progress = new ProgressLine(spec.commandLine().getErr(), ProgressLine.Mode.of(quiet),
                claims.size());
        RunMetadata run = RunMetadata.capture(spec.commandLine().getParseResult().originalArgs(),
                selection.command("reproduce", claims));
        long start = System.nanoTime();
        Pipeline.Outcome outcome = Pipeline.run(claims,
                new RunContext(selection.scale(), selection.seed(), t, Progress.NONE), new InProcess(progress),
                (r, seconds) -> progress.verdict(spec.commandLine().getOut(), Finish.verdictLine(r, seconds)));
        Report report = new Report(run, configuration(claims, t),
                outcome.results(), outcome.seconds(), (System.nanoTime() - start) * 1e-9);
        int code = Finish.finish(spec, report, destination, new Finish.Wording(out, "", "", "nothing was changed there"));
        if (junitFile != null) {
            try {
                JUnitXml.write(report, junitFile);
            } catch (IOException e) {
                spec.commandLine().getErr().println(spec.qualifiedName() + ": could not write the JUnit file '" + junit
                        + "' (" + ReplearnCli.firstLine(e.getMessage()) + "); the report was written");
                return ReplearnCli.OUT_OF_RESOURCES;
            }
        }
        return code;
    }

    private Map<String, Object> configuration(List<Claim<?, ?>> claims, int t) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("threads", t);
        run.put("threads_note", "results are bit-identical for every thread count");
        return selection.configuration(claims, run);
    }
}
