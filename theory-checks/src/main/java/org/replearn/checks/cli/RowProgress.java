package org.replearn.checks.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import org.replearn.checks.report.ProgressLine;

/**
 * The progress line of a long {@code train} run, on stderr:
 * {@code train: 41% of 2.1e+09 rows streamed, elapsed 1:02, ETA 1:29}. The fraction counts the rows the streamed
 * passes have read against the rows the run will read ({@link Workload#rows}); the ETA extrapolates the elapsed
 * time by it. On a terminal the line is rewritten in place twice a second; otherwise (a log) a line is printed at
 * each further tenth and at least once a minute. A daemon thread does the printing, so the computation is never slowed or blocked by it.
 */
final class RowProgress implements AutoCloseable {
    private static final long TERMINAL_PERIOD_MILLIS = 500;
    private static final long LOG_PERIOD_MILLIS = 2000;
    private static final long LOG_SILENCE_NANOS = 60_000_000_000L;

    private final PrintWriter err;
    private final LongAdder rows;
    private final double total;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private final Thread thread;
    private volatile boolean done;
    private int lastTenth;
    private long lastPrint = System.nanoTime();
    private int lastLength;

    private RowProgress(PrintWriter err, LongAdder rows, double total, boolean terminal, boolean enabled) {
        this.err = err;
        this.rows = rows;
        this.total = total;
        this.terminal = terminal;
        if (enabled) {
            thread = new Thread(this::loop, "replearn-progress");
            thread.setDaemon(true);
            thread.start();
        } else {
            thread = null;
        }
    }

    /** A progress line on {@code err} following {@code rows} up to {@code total}; inert when not {@code enabled}. */
    static RowProgress start(PrintWriter err, boolean enabled, LongAdder rows, double total) {
        return new RowProgress(err, rows, total, System.console() != null, enabled);
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
        long now = System.nanoTime();
        if (!terminal && tenth <= lastTenth && now - lastPrint < LOG_SILENCE_NANOS) {
            return;
        }
        lastTenth = tenth;
        lastPrint = now;
        double elapsed = (now - start) * 1e-9;
        String line = String.format(Locale.ROOT, "train: %.0f%% of %.2g rows streamed, elapsed %s", 100 * fraction,
                total, ProgressLine.clock(elapsed));
        if (fraction > 0) {
            line += ", ETA " + ProgressLine.clock(elapsed * (1 - fraction) / fraction);
        }
        if (terminal) {
            err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            lastLength = line.length();
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** Stops the line and clears it from a terminal. */
    @Override
    public synchronized void close() {
        done = true;
        if (thread != null) {
            thread.interrupt();
        }
        if (terminal && lastLength > 0) {
            err.print("\r" + " ".repeat(lastLength) + "\r");
            err.flush();
        }
    }
}
