package org.replearn.checks.claims.stats;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Standard errors and quantiles: the mean and standard error of replicates, binomial standard errors, normal and
 * Student-t quantiles, and the Bonferroni threshold for a maximum of z-scores.
 */
public final class Intervals {
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    /** The two-sided 95 % Student-t quantile {@code t_{0.975, dof}} ({@code dof >= 1}). */
    public static double studentCritical(int degreesOfFreedom) {
        return new TDistribution(null, degreesOfFreedom).inverseCumulativeProbability(0.5 + Coverage.COVERAGE / 2);
    }

    /**
     * The two-sided Student-t threshold {@code t*} with {@code P(max_i |T_i| > t*) <= 1 − coverage} for {@code count}
     * statistics with {@code degreesOfFreedom} degrees of freedom each, by the union (Bonferroni) bound.
     */
    public static double studentBonferroni(int degreesOfFreedom, double coverage, int count) {
        return new TDistribution(null, degreesOfFreedom).inverseCumulativeProbability(1 - (1 - coverage) / (2.0 * count));
    }

    /**
     * Mean and standard error of independent replicates {@code v} (at least two): {@code {mean, sd/sqrt(count)}}.
     */
    public static double[] meanAndStandardError(double[] v) {
        if (v.length < 2) {
            throw new IllegalArgumentException("a standard error needs at least two replicates, got " + v.length);
        }
        double mean = 0;
        for (double e : v) {
            mean += e / v.length;
        }
        double ss = 0;
        for (double e : v) {
            ss += (e - mean) * (e - mean);
        }
        return new double[] {mean, Math.sqrt(ss / (v.length - 1.0) / v.length)};
    }

    /** Standard error {@code sqrt(p(1-p)/trials)} of an observed frequency with success probability {@code p}. */
    public static double binomialStandardError(double p, int trials) {
        return Math.sqrt(p * (1 - p) / trials);
    }

    /** {@code Φ⁻¹(p)} for the standard normal. */
    public static double normalQuantile(double p) {
        return STANDARD_NORMAL.inverseCumulativeProbability(p);
    }

    /**
     * The two-sided threshold {@code z*} with {@code P(max_i |Z_i| > z*) <= alpha} for {@code count} standard normal
     * z-scores, by the union (Bonferroni) bound; valid whatever their correlation.
     */
    public static double bonferroniThreshold(double alpha, int count) {
        return normalQuantile(1 - alpha / (2.0 * count));
    }

    /** {@code max |v_i|}. */
    public static double maxAbs(double[] v) {
        double m = 0;
        for (double e : v) {
            m = Math.max(m, Math.abs(e));
        }
        return m;
    }

    private Intervals() {
    }
}
