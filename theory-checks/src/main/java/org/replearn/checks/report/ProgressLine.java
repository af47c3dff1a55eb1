package org.replearn.checks.report;

import java.io.PrintWriter;
import java.util.Locale;
import org.replearn.checks.claims.api.Progress;

/**
 * The one-line progress display on stderr:
 * {@code [claim 3/8] population-gradient  run 12/40  elapsed 0:42  ETA 1:10}, rewritten in place with {@code \r}.
 * Disabled (every call a no-op) when stderr is not a terminal or with {@code --quiet}. The ETA is the projected rest
 * of the current claim plus, for each claim still to come, the mean duration of the finished ones.
 */
public final class ProgressLine {
    private static final long MIN_INTERVAL_NANOS = 200_000_000L;

    private final PrintWriter out;
    private final boolean enabled;
    private final int claims;
    private final long start = System.nanoTime();
    private long claimStart;
    private int finished;
    private double finishedSeconds;
    private long lastPrint;
    private int lastLength;

    /** A progress line over {@code claims} claims, printed to {@code out} only when {@code enabled}. */
    public ProgressLine(PrintWriter out, boolean enabled, int claims) {
        this.out = out;
        this.enabled = enabled;
        this.claims = claims;
    }

    /** Starts claim {@code index} (0-based) and returns the sink its sweep reports to. */
    public Progress startClaim(int index, String id) {
        claimStart = System.nanoTime();
        if (!enabled) {
            return Progress.NONE;
        }
        print(index, id, 0, 0, true);
        return (done, total) -> print(index, id, done, total, done == total);
    }

    /** Ends the current claim (its duration feeds the ETA). */
    public void finishClaim() {
        finished++;
        finishedSeconds += (System.nanoTime() - claimStart) * 1e-9;
    }

    /** Clears the line. */
    public void close() {
        if (enabled && lastLength > 0) {
            out.print("\r" + " ".repeat(lastLength) + "\r");
            out.flush();
        }
    }

    private synchronized void print(int index, String id, int done, int total, boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastPrint < MIN_INTERVAL_NANOS) {
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
        int pad = Math.max(0, lastLength - line.length());
        out.print("\r" + line + " ".repeat(pad));
        out.flush();
        lastLength = line.length();
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
