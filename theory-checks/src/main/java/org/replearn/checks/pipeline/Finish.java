package org.replearn.checks.pipeline;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.cli.Options;
import org.replearn.checks.cli.ReplearnCli;
import org.replearn.checks.report.OutputDirectory;
import org.replearn.checks.report.Report;
import org.replearn.checks.report.ReportDirectory;
import org.replearn.checks.report.ReportWriter;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The end of a run: writes the report, prints the summary line on stdout (each claim's {@link #verdictLine} is printed
 * as it finishes, by the command), one line
 * on stderr per claim whose code failed, and chooses the exit code: {@link ReplearnCli#INTERNAL} when a claim failed
 * ({@link ClaimResult#error()}: a bug), else {@link ReplearnCli#CLAIM_FAILS} when a claim does not hold, else
 * {@link ReplearnCli#OK}; {@link ReplearnCli#OUT_OF_RESOURCES} when the report cannot be written, and a usage error
 * naming {@code --out} when the destination changed while the claims ran.
 */
public final class Finish {
    private Finish() {
    }

    /**
     * What a command adds to the shared lines.
     *
     * @param out           {@code --out} as the user typed it
     * @param summaryDetail appended inside the summary line's parentheses, e.g. {@code ; 14 cells: ...}
     * @param summaryTail   appended to the summary line, e.g. {@code , cells in ...}
     * @param afterFailure  the end of the message when the report cannot be written, e.g. what is kept
     */
    public record Wording(String out, String summaryDetail, String summaryTail, String afterFailure) {
    }

    /** Writes {@code report} to {@code destination}, prints the verdicts and returns the exit code. */
    public static int finish(CommandSpec spec, Report report, ReportDirectory destination, Wording wording) {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path written;
        try {
            written = ReportWriter.write(report, destination);
        } catch (OutputDirectory.Unusable e) {
            throw Options.usage(spec, "--out", "changed while the claims ran: " + e.getMessage());
        } catch (IOException e) {
            printErrors(spec, report, err);
            err.println(spec.qualifiedName() + ": could not write the report to '" + wording.out() + "' ("
                    + OutputDirectory.reason(e) + "); " + wording.afterFailure());
            return ReplearnCli.OUT_OF_RESOURCES;
        }
        stdout.printf(Locale.ROOT, "%d of %d claims hold (%.1f s%s); report in %s%s%n",
                report.results().stream().filter(ClaimResult::holds).count(), report.results().size(),
                report.totalSeconds(), wording.summaryDetail(), written, wording.summaryTail());
        stdout.flush();
        if (printErrors(spec, report, err)) {
            return ReplearnCli.INTERNAL;
        }
        return report.allHold() ? ReplearnCli.OK : ReplearnCli.CLAIM_FAILS;
    }

    /** The longest measurement text a verdict line shows; the report has all of it. */
    static final int VERDICT_TEXT = 100;

    /**
     * A finished claim in one line: {@code holds  sample-complexity        12.3 s  exponent 1.93 ± 0.11 ...}, the
     * measurement cut at a word boundary to {@value #VERDICT_TEXT} characters ({@code …} marks a cut).
     */
    public static String verdictLine(ClaimResult r, double seconds) {
        String text = r.error() != null ? "error: " + r.error() : r.measured().text();
        if (text.length() > VERDICT_TEXT) {
            int cut = text.lastIndexOf(' ', VERDICT_TEXT - 1);
            text = text.substring(0, cut > VERDICT_TEXT / 2 ? cut : VERDICT_TEXT - 1) + " …";
        }
        return String.format(Locale.ROOT, "%-6s %-23s %7.1f s  %s", r.holds() ? "holds" : "FAILS", r.id(), seconds,
                text);
    }

    /** Prints one line per claim whose code failed; true when there was one. */
    private static boolean printErrors(CommandSpec spec, Report report, PrintWriter err) {
        boolean any = false;
        for (ClaimResult r : report.results()) {
            if (r.error() != null) {
                err.println(spec.qualifiedName() + ": internal error in claim '" + r.id() + "': " + r.error()
                        + " (a bug: please report the command line)");
                any = true;
            }
        }
        return any;
    }
}
