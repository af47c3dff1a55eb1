package org.replearn.checks.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import org.replearn.checks.report.Durations;
import org.replearn.checks.report.ProgressLine;
import org.replearn.checks.report.StatusLine;

/**
 * The progress line of a long {@code train} run, on stderr through a {@link StatusLine}:
 * {@code train: 41% of 2.1e+09 rows streamed, elapsed 1:02, ETA 1:29}. The fraction counts the rows the streamed
 * passes have read against the rows the run will read ({@link Workload#rows}); the ETA extrapolates the elapsed
 * time by it. On a terminal the line is rewritten in place twice a second; otherwise (a log) a line is printed at
 * each further tenth and at least once a minute. A daemon thread does the printing, so the computation is never
 * slowed or blocked by it.
 */
final class RowProgress implements AutoCloseable {
    private static final long TERMINAL_PERIOD_MILLIS = 500;
    private static final long LOG_PERIOD_MILLIS = 2000;
    private static final double LOG_SILENCE_SECONDS = 60;

    private final StatusLine line;
    private final LongAdder rows;
    private final double total;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private final Thread thread;
    private volatile boolean done;
    private int lastTenth;

    private RowProgress(StatusLine line, LongAdder rows, double total, boolean terminal) {
        this.line = line;
        this.rows = rows;
        this.total = total;
        this.terminal = terminal;
        if (line.enabled()) {
            thread = new Thread(this::loop, "replearn-progress");
            thread.setDaemon(true);
            thread.start();
        } else {
            thread = null;
        }
    }

    /** A progress line on {@code err} following {@code rows} up to {@code total}; inert when not {@code enabled}. */
    static RowProgress start(PrintWriter err, boolean enabled, LongAdder rows, double total) {
        ProgressLine.Mode mode = ProgressLine.Mode.of(!enabled);
        return new RowProgress(new StatusLine(err, mode, LOG_SILENCE_SECONDS), rows, total,
                mode == ProgressLine.Mode.TERMINAL);
    }

    private void loop() {
        long period = terminal ? TERMINAL_PERIOD_MILLIS : LOG_PERIOD_MILLIS;
        while (!done) {
            try {
                Thread.sleep(period);
            } catch (InterruptedException e) {
                return;
            }
            if (!done) {
                print();
            }
        }
    }

    private synchronized void print() {
        double fraction = Math.min(1, rows.sum() / total);
        int tenth = (int) (fraction * 10);
        boolean milestone = terminal || tenth > lastTenth;
        if (!milestone && !line.due()) {
            return;
        }
        lastTenth = tenth;
        double elapsed = (System.nanoTime() - start) * 1e-9;
        String text = String.format(Locale.ROOT, "train: %.0f%% of %.2g rows streamed, elapsed %s", 100 * fraction,
                total, Durations.clock(elapsed));
        if (fraction > 0) {
            text += ", ETA " + Durations.clock(elapsed * (1 - fraction) / fraction);
        }
        line.show(text, milestone);
    }

    /** Stops the line and clears it from a terminal. */
    @Override
    public synchronized void close() {
        done = true;
        if (thread != null) {
            thread.interrupt();
        }
        line.clear();
    }
}
