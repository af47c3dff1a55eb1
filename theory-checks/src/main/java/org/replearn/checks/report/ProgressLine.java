package org.replearn.checks.report;

import java.io.PrintWriter;
import java.util.Locale;
import org.replearn.checks.claims.api.Progress;

/**
 * The progress display on stderr: {@code [claim 3/8] population-gradient  run 12/40  elapsed 0:42  ETA 1:10}. On a
 * terminal ({@link Mode#TERMINAL}) one line rewritten in place with {@code \r}, at most five times a second; in a log
 * ({@link Mode#LOG}) plain lines, at most one per {@link #LOG_INTERVAL_SECONDS} s and no control characters;
 * {@link Mode#OFF} ({@code --quiet}) prints nothing. The ETA is the projected rest of the current claim plus, for each
 * claim still to come, the mean duration of the finished ones. {@link #verdict} prints a finished claim's line on
 * stdout without tearing the terminal line.
 */
public final class ProgressLine {
    /** Where the progress goes. */
    public enum Mode {
        /** A line rewritten in place. */
        TERMINAL,
        /** Plain lines at most every {@link #LOG_INTERVAL_SECONDS} s. */
        LOG,
        /** Nothing. */
        OFF;

        /** {@link #OFF} when {@code quiet}, else {@link #TERMINAL} on a console, else {@link #LOG}. */
        public static Mode of(boolean quiet) {
            return quiet ? OFF : System.console() != null ? TERMINAL : LOG;
        }
    }

    /** The least time between two lines in a log. */
    public static final double LOG_INTERVAL_SECONDS = 10;
    private static final long TERMINAL_INTERVAL_NANOS = 200_000_000L;

    private final PrintWriter out;
    private final Mode mode;
    private final boolean enabled;
    private final int claims;
    private final long start = System.nanoTime();
    private long claimStart;
    private int finished;
    private double finishedSeconds;
    private long lastPrint;
    private int lastLength;

    /** A progress display over {@code claims} claims on {@code out} (stderr) in {@code mode}. */
    public ProgressLine(PrintWriter out, Mode mode, int claims) {
        this.out = out;
        this.mode = mode;
        this.enabled = mode != Mode.OFF;
        this.claims = claims;
        this.lastPrint = start;
    }

    /** Starts claim {@code index} (0-based) and returns the sink its sweep reports to. */
    public Progress startClaim(int index, String id) {
        claimStart = System.nanoTime();
        if (!enabled) {
            return Progress.NONE;
        }
        print(index, id, 0, 0, mode == Mode.TERMINAL);
        return (done, total) -> print(index, id, done, total, mode == Mode.TERMINAL && done == total);
    }

    /** Ends the current claim (its duration feeds the ETA). */
    public void finishClaim() {
        finished++;
        finishedSeconds += (System.nanoTime() - claimStart) * 1e-9;
    }

    /** Prints {@code line} on {@code stdout} (a finished claim), clearing the terminal line first. */
    public synchronized void verdict(PrintWriter stdout, String line) {
        close();
        stdout.println(line);
        stdout.flush();
    }

    /** Clears the terminal line. */
    public synchronized void close() {
        if (mode == Mode.TERMINAL && lastLength > 0) {
            out.print("\r" + " ".repeat(lastLength) + "\r");
            out.flush();
            lastLength = 0;
        }
    }

    private synchronized void print(int index, String id, int done, int total, boolean force) {
        long now = System.nanoTime();
        long interval = mode == Mode.TERMINAL ? TERMINAL_INTERVAL_NANOS : (long) (LOG_INTERVAL_SECONDS * 1e9);
        if (!force && now - lastPrint < interval) {
            return;
        }
        lastPrint = now;
        double elapsed = (now - start) * 1e-9;
        double inClaim = (now - claimStart) * 1e-9;
        StringBuilder sb = new StringBuilder();
        sb.append("[claim ").append(index + 1).append('/').append(claims).append("] ").append(id);
        if (total > 0) {
            sb.append("  run ").append(done).append('/').append(total);
        }
        sb.append("  elapsed ").append(clock(elapsed));
        int after = claims - index - 1;
        double perClaim = finished > 0 ? finishedSeconds / finished : Double.NaN;
        double rest = done > 0 ? inClaim * (total - done) / done : Double.NaN;
        double projectedClaim = done > 0 ? inClaim * total / done : Double.NaN;
        double eta = rest + after * (finished > 0 ? perClaim : projectedClaim);
        if (Double.isFinite(eta)) {
            sb.append("  ETA ").append(clock(eta));
        }
        String line = sb.toString();
        if (mode == Mode.LOG) {
            out.println(line);
        } else {
            int pad = Math.max(0, lastLength - line.length());
            out.print("\r" + line + " ".repeat(pad));
            lastLength = line.length();
        }
        out.flush();
    }

    /** {@code m:ss} (or {@code h:mm:ss}). */
    public static String clock(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
