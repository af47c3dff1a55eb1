package org.replearn.checks.claims.stats;

/**
 * The coverage check of z-scores that should be standard normal: the fraction inside {@code |z| < 1.96} against
 * the nominal 95 %, allowed a few standard errors (binomial, or cluster-robust for correlated scores).
 */
public final class Coverage {
    /** Nominal coverage of the two-sided interval {@code |z| < }{@link #Z_COVERAGE} for a standard normal z. */
    public static final double COVERAGE = 0.95;
    /** The conventional two-sided 95 % threshold of a standard normal (Φ⁻¹(0.975) = 1.95996…). */
    public static final double Z_COVERAGE = 1.96;
    /**
     * Standard errors a measured frequency may deviate from its prediction: for independent scores a 4-SE deviation
     * has probability below 1e-4.
     */
    public static final double SE_ALLOWANCE = 4;

    /** Fraction of entries with {@code |z| < threshold}. */
    public static double fractionWithin(double[] z, double threshold) {
        int in = 0;
        for (double v : z) {
            if (Math.abs(v) < threshold) {
                in++;
            }
        }
        return in / (double) z.length;
    }

    /**
     * The coverage check of z-scores that should be N(0,1): the fraction with {@code |z| <} {@link #Z_COVERAGE}
     * against {@link #COVERAGE}, allowed {@link #SE_ALLOWANCE} binomial standard errors.
     *
     * @param within         measured fraction of {@code |z| < 1.96}
     * @param standardError  {@code sqrt(0.95·0.05/count)}
     * @param count          number of scores
     * @param holds          {@code |within − 0.95| <= 4·standardError}
     */
    public record Result(double within, double standardError, int count, boolean holds) {
        /** The tolerance {@code 4·standardError}. */
        public double tolerance() {
            return SE_ALLOWANCE * standardError;
        }
    }

    /** {@link Result} of {@code z}, independent scores (binomial standard error). */
    public static Result of(double[] z) {
        double within = fractionWithin(z, Z_COVERAGE);
        double se = Intervals.binomialStandardError(COVERAGE, z.length);
        return new Result(within, se, z.length, Math.abs(within - COVERAGE) <= SE_ALLOWANCE * se);
    }

    /**
     * {@link Result} of z-scores that are correlated within groups: score {@code i} belongs to cluster
     * {@code i % clusters} (equal sizes). The standard error of the fraction is the larger of the binomial one and the
     * cluster-robust one, {@code sqrt(Σ_c (f_c − f̄)² / (C(C − 1)))} over the clusters' own fractions {@code f_c}:
     * correlated scores move together, which the binomial error (independent scores) understates.
     */
    public static Result of(double[] z, int clusters) {
        if (clusters < 2 || z.length % clusters != 0) {
            throw new IllegalArgumentException(z.length + " scores cannot form " + clusters + " equal clusters: pass a"
                    + " divisor of the count, at least 2");
        }
        double[] inside = new double[clusters];
        for (int i = 0; i < z.length; i++) {
            if (Math.abs(z[i]) < Z_COVERAGE) {
                inside[i % clusters]++;
            }
        }
        double perCluster = z.length / (double) clusters;
        double mean = 0;
        for (int c = 0; c < clusters; c++) {
            inside[c] /= perCluster;
            mean += inside[c] / clusters;
        }
        double ss = 0;
        for (double f : inside) {
            ss += (f - mean) * (f - mean);
        }
        double se = Math.max(Intervals.binomialStandardError(COVERAGE, z.length), Math.sqrt(ss / (clusters * (clusters - 1.0))));
        return new Result(mean, se, z.length, Math.abs(mean - COVERAGE) <= SE_ALLOWANCE * se);
    }

    private Coverage() {
    }
}
