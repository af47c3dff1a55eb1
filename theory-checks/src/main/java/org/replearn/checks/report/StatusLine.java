package org.replearn.checks.report;

import java.io.PrintWriter;

/**
 * The one progress printer of the console: a status line on stderr. On a terminal ({@link ProgressLine.Mode#TERMINAL})
 * it is rewritten in place with {@code \r}, at most five times a second; in a log ({@link ProgressLine.Mode#LOG}) each
 * shown line is a plain line, at most one per log interval and without control characters; in
 * {@link ProgressLine.Mode#OFF} nothing is printed. A forced line skips the rate limit (a milestone). Thread-safe.
 */
public final class StatusLine {
    private static final long TERMINAL_INTERVAL_NANOS = 200_000_000L;

    private final PrintWriter out;
    private final ProgressLine.Mode mode;
    private final long interval;
    private long lastPrint = System.nanoTime();
    private int lastLength;

    /** A status line on {@code out} in {@code mode}; in a log at most one line per {@code logIntervalSeconds}. */
    public StatusLine(PrintWriter out, ProgressLine.Mode mode, double logIntervalSeconds) {
        this.out = out;
        this.mode = mode;
        this.interval = mode == ProgressLine.Mode.TERMINAL ? TERMINAL_INTERVAL_NANOS
                : (long) (logIntervalSeconds * 1e9);
    }

    /** False in {@link ProgressLine.Mode#OFF}: nothing will be printed. */
    public boolean enabled() {
        return mode != ProgressLine.Mode.OFF;
    }

    /** True when a line shown now would be printed without forcing (the rate limit has passed). */
    public synchronized boolean due() {
        return enabled() && System.nanoTime() - lastPrint >= interval;
    }

    /** Shows {@code line} if {@code force} or {@link #due}; returns whether it was printed. */
    public synchronized boolean show(String line, boolean force) {
        if (!enabled() || !force && !due()) {
            return false;
        }
        lastPrint = System.nanoTime();
        if (mode == ProgressLine.Mode.LOG) {
            out.println(line);
        } else {
            out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            lastLength = line.length();
        }
        out.flush();
        return true;
    }

    /** Clears the line from a terminal (the next output starts on a clean row); nothing in a log. */
    public synchronized void clear() {
        if (mode == ProgressLine.Mode.TERMINAL && lastLength > 0) {
            out.print("\r" + " ".repeat(lastLength) + "\r");
            out.flush();
            lastLength = 0;
        }
    }
}
