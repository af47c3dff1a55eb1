package org.replearn.checks.report;

import java.util.Locale;

/**
 * The one formatter of durations on the console, in two forms: {@link #clock} for a time that ticks (elapsed, ETA in
 * the progress lines of {@code reproduce}, {@code train} and {@code sweep}) and {@link #words} for an estimate that may
 * span seconds to years (the {@code train} budget, the sweep's dry run). Both use ASCII digits whatever the locale.
 */
public final class Durations {
    private static final double MINUTE = 60;
    private static final double HOUR = 3600;
    private static final double DAY = 86400;
    private static final double YEAR = 365.25 * DAY;

    private Durations() {
    }

    /** {@code 0:42}, {@code 12:05} or {@code 1:01:01}: {@code seconds} rounded to whole seconds. */
    public static String clock(double seconds) {
        long s = Math.round(seconds);
        if (s >= HOUR) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** {@code 42 s} (at least {@code 1 s}), {@code 3 min 20 s}, {@code 5.2 h}, {@code 3.1 days}, {@code 2.0e+03 years}.
     */
    public static String words(double seconds) {
        if (seconds < MINUTE) {
            return String.format(Locale.ROOT, "%.0f s", Math.max(seconds, 1));
        }
        if (seconds < HOUR) {
            return String.format(Locale.ROOT, "%d min %02d s", (long) seconds / 60, (long) seconds % 60);
        }
        if (seconds < 2 * DAY) {
            return String.format(Locale.ROOT, "%.1f h", seconds / HOUR);
        }
        if (seconds < 365 * DAY) {
            return String.format(Locale.ROOT, "%.1f days", seconds / DAY);
        }
        return String.format(Locale.ROOT, "%.2g years", seconds / YEAR);
    }
}
