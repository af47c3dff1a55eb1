package org.replearn.sweeps;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress lines of a sweep on stderr: cells done, failed, elapsed, and an ETA from the share of the estimated CPU
 * time done so far (of the cell count when a claim has no measured cost).
 */
final class SweepProgress {
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
