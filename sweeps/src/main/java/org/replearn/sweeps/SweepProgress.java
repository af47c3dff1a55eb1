package org.replearn.sweeps;

import java.io.PrintWriter;
import java.util.Locale;
import org.replearn.checks.report.Durations;
import org.replearn.checks.report.ProgressLine;
import org.replearn.checks.report.StatusLine;

/**
 * Progress lines of a sweep on its log, through a {@link StatusLine} in log mode (at most one per
 * {@link ProgressLine#LOG_INTERVAL_SECONDS} s, and one at the end): cells done, failed, elapsed, and an ETA from the
 * share of the estimated CPU time done so far (of the cell count when a claim has no measured cost).
 */
final class SweepProgress {
    private final StatusLine line;
    private final int total;
    private final int resumed;
    private final double work;
    private final long start = System.nanoTime();
    private int done;
    private int failed;
    private double workDone;
    private boolean changed;

    /** Progress of {@code total} cells ({@code resumed} already stored, {@code work} to do) on {@code log}, if any. */
    SweepProgress(PrintWriter log, int total, int resumed, double work) {
        this.line = new StatusLine(log, log == null ? ProgressLine.Mode.OFF : ProgressLine.Mode.LOG,
                ProgressLine.LOG_INTERVAL_SECONDS);
        this.total = total;
        this.resumed = resumed;
        this.work = work;
        line.show(String.format(Locale.ROOT, "sweep: %d cells, %d already in the directory, %d to compute", total,
                resumed, total - resumed), true);
    }

    void cellDone(double cellWork, boolean cellFailed) {
        done++;
        failed += cellFailed ? 1 : 0;
        workDone += cellWork;
        changed = true;
    }

    void maybePrint() {
        if (changed && line.due()) {
            print();
        }
    }

    void finish() {
        if (changed) {
            print();
        }
    }

    private void print() {
        double elapsed = (System.nanoTime() - start) * 1e-9;
        String eta = workDone > 0 && workDone < work
                ? ", ETA " + Durations.clock(elapsed * (work - workDone) / workDone) : "";
        line.show(String.format(Locale.ROOT, "sweep: %d/%d cells done (%d resumed%s), %s elapsed%s", resumed + done,
                total, resumed, failed > 0 ? ", " + failed + " failed" : "", Durations.clock(elapsed), eta), true);
        changed = false;
    }
}
