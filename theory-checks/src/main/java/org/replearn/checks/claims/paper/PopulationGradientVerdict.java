package org.replearn.checks.claims.paper;

import static org.replearn.checks.claims.paper.PopulationGradientClaim.PREDICTED_SLOPE;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.replearn.checks.claims.api.Measurement;
import org.replearn.checks.claims.paper.EmpiricalCorrelation.Replicate;
import org.replearn.checks.claims.stats.Coverage;
import org.replearn.checks.claims.stats.Exponents;
import org.replearn.checks.claims.stats.Format;
import org.replearn.checks.claims.stats.Intervals;

/**
 * The two checks of {@link PopulationGradientClaim} on one variant (the claim or a control): the replicate-averaged
 * log-log slope of its relative error against n agrees with {@value PopulationGradientClaim#PREDICTED_SLOPE}
 * ({@link Exponents#seedSlope}, no allowance), and its z-scores at the largest n cover {@code |z| < 1.96} at the rate
 * 0.95 ({@link Coverage#of(double[], int)}, clustered by replicate).
 */
record PopulationGradientVerdict(Exponents.SeedSlope slope, Coverage.Result coverage, double maxAbsZ,
        boolean slopeOk) {
    /**
     * The slope check's two-sided level: {@code t = t_{1 − 5e-4, R−1}}, the family-wise 1e-3 of expected-hessian, so
     * that an exact slope fails a seed rarely (a 95 % check fails one seed in twenty by construction).
     */
    static final double SLOPE_LEVEL = 1e-3;
    /**
     * One variant's numbers in the claim's details.
     *
     * @param slope the mean over replicates of the log-log slope
     * @param slopeStandardError its standard error over replicates
     * @param fractionAbsZBelow196 the fraction of z-scores with {@code |z| < 1.96}
     * @param coverageStandardError that fraction's standard error (the larger of binomial and cluster-robust)
     * @param maxAbsZ the largest {@code |z|}
     */
    record Check(double slope, double slopeStandardError,
            @JsonProperty("fraction_abs_z_below_1_96") double fractionAbsZBelow196, double coverageStandardError,
            double maxAbsZ) {
    }

    /** The checks on variant {@code v} of the replicates. */
    static PopulationGradientVerdict of(Replicate[] reps, int v) {
        int replicates = reps.length;
        int scores = reps[0].z()[v].length;
        double[][] n = new double[replicates][];
        double[][] errors = new double[replicates][];
        double[] z = new double[replicates * scores];
        for (int rho = 0; rho < replicates; rho++) {
            n[rho] = reps[rho].n();
            errors[rho] = reps[rho].errors()[v];
            for (int e = 0; e < scores; e++) {
                z[e * replicates + rho] = reps[rho].z()[v][e];
            }
        }
        Exponents.SeedSlope fit = Exponents.seedSlope(n, errors);
        Exponents.SeedSlope slope = new Exponents.SeedSlope(fit.slope(), fit.standardError(),
                Intervals.studentBonferroni(replicates - 1, 1 - SLOPE_LEVEL, 1), fit.perSeed());
        Coverage.Result coverage = Coverage.of(z, replicates);
        return new PopulationGradientVerdict(slope, coverage, Intervals.maxAbs(z), slope.agrees(PREDICTED_SLOPE, 0));
    }

    /** Both checks pass. */
    boolean holds() {
        return slopeOk && coverage.holds();
    }

    /** The slope over {@code replicates}, with both checks' outcomes in its text. */
    Measurement measurement(int replicates) {
        return Measurement.of(slope.slope(), slope.standardError(), replicates, "slope " + Format.fmt(slope.slope())
                + " ± " + Format.fmt(slope.halfWidth()) + " (predicted " + PREDICTED_SLOPE
                + (slopeOk ? ", agrees" : ", rejected") + "); fraction " + Format.fmt(coverage.within())
                + " of |z| < " + Coverage.Z_COVERAGE + " ± " + Format.fmt(coverage.tolerance())
                + (coverage.holds() ? " (agrees)" : " (rejected)") + ", max|z| " + Format.fmt(maxAbsZ));
    }

    /** This variant's numbers for the details. */
    Check check() {
        return new Check(slope.slope(), slope.standardError(), coverage.within(), coverage.standardError(),
                maxAbsZ);
    }
}
