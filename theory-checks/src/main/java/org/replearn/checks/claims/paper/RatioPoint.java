package org.replearn.checks.claims.paper;

import org.replearn.checks.claims.stats.Intervals;

/**
 * The replicates of {@code ρ = (1 − A)/(1 − A_pred)} at one point of {@link SubspaceRecoveryClaim}, judged as an
 * identity: {@code |mean ρ − 1| <= t·SE + δ}, {@code δ} the mean {@link AlignmentAllowance#total()} of the replicates.
 *
 * @param mean       mean ratio over replicates
 * @param se         its standard error
 * @param allowance  the mean derived allowance δ
 * @param predictedSd the mean predicted standard deviation of one replicate's ratio
 * @param critical   the Student quantile t used
 */
record RatioPoint(double mean, double se, double allowance, double predictedSd, double critical) {
    /** The point of {@code ratios} (one per replicate) with their allowances and predicted deviations. */
    static RatioPoint of(double[] ratios, double[] allowances, double[] predictedSds, double critical) {
        double[] ms = Intervals.meanAndStandardError(ratios);
        return new RatioPoint(ms[0], ms[1], average(allowances), average(predictedSds), critical);
    }

    /** {@code t·SE + δ}. */
    double halfWidth() {
        return critical * se + allowance;
    }

    /** {@code |mean − 1|}. */
    double deviation() {
        return Math.abs(mean - 1);
    }

    /** Whether {@code |mean − 1| <= t·SE + δ}. */
    boolean agrees() {
        return deviation() <= halfWidth();
    }

    /**
     * Whether one replicate's ratio {@code single} falls outside the band of one replicate,
     * {@code |single − 1| > t·SE·sqrt(R) + δ} ({@code SE·sqrt(R)} the replicates' standard deviation).
     */
    boolean rejectsSingle(double single, int replicates) {
        return Math.abs(single - 1) > critical * se * Math.sqrt(replicates) + allowance;
    }

    private static double average(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x / v.length;
        }
        return s;
    }
}
