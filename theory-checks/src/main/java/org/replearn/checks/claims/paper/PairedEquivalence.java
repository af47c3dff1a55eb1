package org.replearn.checks.claims.paper;

import org.replearn.checks.claims.api.Measurement;
import org.replearn.checks.claims.stats.Format;
import org.replearn.checks.claims.stats.Intervals;

/**
 * An equivalence test on paired differences: their 95 % Student-t interval {@code mean ± t·SE} lies inside
 * {@code ±margin}, i.e. {@code |mean| + t·SE <= margin}.
 *
 * @param mean          the mean difference
 * @param standardError its standard error
 * @param critical      the Student-t critical value {@code t}
 * @param margin        the equivalence margin
 */
record PairedEquivalence(double mean, double standardError, double critical, double margin) {
    /** The test of {@code differences} with critical value {@code critical} and margin {@code margin}. */
    static PairedEquivalence of(double[] differences, double critical, double margin) {
        double[] ms = Intervals.meanAndStandardError(differences);
        return new PairedEquivalence(ms[0], ms[1], critical, margin);
    }

    /** Whether the interval lies inside {@code ±margin}. */
    boolean holds() {
        return Math.abs(mean) + critical * standardError <= margin;
    }

    /** The interval, whether it contains 0, and the margin, in words. */
    String describe() {
        return Format.fmt(mean) + " ± " + Format.fmt(critical * standardError) + " (SE " + Format.fmt(standardError)
                + "; the interval " + (Math.abs(mean) <= critical * standardError ? "contains" : "excludes")
                + " 0), margin ±" + Format.fmt(margin);
    }

    /** The mean difference over {@code replicates} pairs, described as {@code prefix + describe()}. */
    Measurement measurement(int replicates, String prefix) {
        return Measurement.of(mean, standardError, replicates, prefix + describe());
    }
}
