package org.replearn.checks.report;

import java.io.PrintWriter;
import org.replearn.checks.claims.api.Progress;

/**
 * The progress display of {@code reproduce} on stderr:
 * {@code [claim 3/8] population-gradient  run 12/40  elapsed 0:42  ETA 1:10}, printed through a {@link StatusLine}: on
 * a terminal ({@link Mode#TERMINAL}) one line rewritten in place, at most five times a second; in a log
 * ({@link Mode#LOG}) plain lines, at most one per {@link #LOG_INTERVAL_SECONDS} s; {@link Mode#OFF} ({@code --quiet})
 * prints nothing. Durations are {@link Durations#clock}. The ETA is the projected rest of the current claim plus, for
 * each claim still to come, the mean duration of the finished ones. {@link #verdict} prints a finished claim's line on
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

    private final StatusLine line;
    private final Mode mode;
    private final int claims;
    private final long start = System.nanoTime();
    private long claimStart;
    private int finished;
    private double finishedSeconds;

    /** A progress display over {@code claims} claims on {@code out} (stderr) in {@code mode}. */
    public ProgressLine(PrintWriter out, Mode mode, int claims) {
        this.line = new StatusLine(out, mode, LOG_INTERVAL_SECONDS);
        this.mode = mode;
        this.claims = claims;
    }

    /** Starts claim {@code index} (0-based) and returns the sink its sweep reports to. */
    public Progress startClaim(int index, String id) {
        claimStart = System.nanoTime();
        if (!line.enabled()) {
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
    public synchronized void verdict(PrintWriter stdout, String verdict) {
        close();
        stdout.println(verdict);
        stdout.flush();
    }

    /** Clears the terminal line. */
    public synchronized void close() {
        line.clear();
    }

    private synchronized void print(int index, String id, int done, int total, boolean force) {
        if (!force && !line.due()) {
            return;
        }
        long now = System.nanoTime();
        double elapsed = (now - start) * 1e-9;
        double inClaim = (now - claimStart) * 1e-9;
        StringBuilder sb = new StringBuilder();
        sb.append("[claim ").append(index + 1).append('/').append(claims).append("] ").append(id);
        if (total > 0) {
            sb.append("  run ").append(done).append('/').append(total);
        }
        sb.append("  elapsed ").append(Durations.clock(elapsed));
        int after = claims - index - 1;
        double perClaim = finished > 0 ? finishedSeconds / finished : Double.NaN;
        double rest = done > 0 ? inClaim * (total - done) / done : Double.NaN;
        double projectedClaim = done > 0 ? inClaim * total / done : Double.NaN;
        double eta = rest + after * (finished > 0 ? perClaim : projectedClaim);
        if (Double.isFinite(eta)) {
            sb.append("  ETA ").append(Durations.clock(eta));
        }
        line.show(sb.toString(), true);
    }
}
