package org.replearn.checks.properties;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.claims.stats.Exponents;
import org.replearn.checks.claims.paper.PopulationGradientClaim;
import org.replearn.core.data.DataSource;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.targets.Target;
import org.replearn.core.theory.PopulationGradient;

/**
 * Claim group 3: the empirical first-step correlation {@code (1/n) Σ y_i 1[w·x_i + b > 0] x_i} converges to the
 * exact population formula of docs/math.md §5 at rate {@code n^{-1/2}}; the claim run itself is {@link #claimHolds}.
 */
class PopulationGradientProperties {

    /**
     * The claim of the report on the master seeds: replicate-averaged slope −1/2 within t·SE and z-score coverage
     * within 4 cluster-robust SE, with both negative controls (m_k off by one, raw labels) rejected
     * ({@link PopulationGradientClaim}).
     */
    @Property(generation = GenerationMode.EXHAUSTIVE)
    void claimHolds(@ForAll(supplier = MasterSeeds.class) long seed) {
        ClaimResult r = ClaimRuns.run(new PopulationGradientClaim(), seed);
        assertTrue(r.holds(), ClaimRuns.describe(r, seed));
    }

    @Provide
    Arbitrary<Problems.TargetCase> targets() {
        return Problems.targets(8, 3, 4);
    }

    private static double[] neuron(Target t, Seeds seeds, double[] bias) {
        var rng = seeds.rng(Stream.CHECK, 3);
        int d = t.dimension();
        double[] w = new double[d];
        for (int i = 0; i < d; i++) {
            w[i] = (2 * rng.nextDouble() - 1) * Math.sqrt(3.0 / d);
        }
        bias[0] = 2 * rng.nextDouble() - 1;
        return w;
    }

    private static MonteCarlo.Estimate empirical(Target t, double[] w, double b, Seeds seeds, Stream stream, long n) {
        int d = t.dimension();
        DataSource src = new DataSource(t, 0.0, seeds, stream, n);
        return MonteCarlo.estimate(src, d, (block, i, out) -> {
            double s = b;
            for (int p = 0; p < d; p++) {
                s += w[p] * block.x.data[i * d + p];
            }
            double y = s > 0 ? block.y[i] : 0.0;
            for (int p = 0; p < d; p++) {
                out[p] = y * block.x.data[i * d + p];
            }
        });
    }

    /**
     * Claim: the empirical correlation is an unbiased estimate of the exact formula. Measured: per-coordinate
     * z-scores {@code (empirical - exact)/SE} from 5·10⁴ samples. Prediction: N(0,1); per try every |z| <= 5 (a
     * N(0,1) exceeds 5 with probability 6e-7 per coordinate).
     */
    @Property(tries = 40, seed = "301")
    void empiricalCorrelationIsUnbiased(@ForAll("targets") Problems.TargetCase tc) {
        double[] z = zScores(tc);
        for (int p = 0; p < z.length; p++) {
            assertTrue(Math.abs(z[p]) <= 5, tc + " coordinate " + p + ": z = " + z[p] + ", predicted N(0,1), bound 5");
        }
    }

    /**
     * Claim: the z-scores are standard normal. Measured: the fraction with |z| < 1.96 over all coordinates of 60
     * targets (d from 2 to 8, r in {1, 2}, degree 2 to 4). Prediction 0.95; tolerance 4 binomial standard errors
     * sqrt(0.95·0.05/N) (coordinates of different targets are independent; within one target they are weakly
     * correlated, which the 4-SE margin absorbs).
     */
    @Property(tries = 1, seed = "302")
    void zScoresAreStandardNormal() {
        int count = 0;
        int within = 0;
        for (long s = 0; s < 60; s++) {
            for (double z : zScores(new Problems.TargetCase(2 + (int) (s % 7), 1 + (int) (s % 2), 2 + (int) (s % 3), 1000 + s))) {
                count++;
                within += Math.abs(z) < 1.96 ? 1 : 0;
            }
        }
        double frac = within / (double) count;
        double se = Math.sqrt(0.95 * 0.05 / count);
        assertTrue(Math.abs(frac - 0.95) <= 4 * se, "fraction |z| < 1.96: measured " + frac + ", predicted 0.95,"
                + " tolerance " + 4 * se + " (N = " + count + ")");
    }

    private static double[] zScores(Problems.TargetCase tc) {
        Target t = tc.build();
        Seeds seeds = new Seeds(tc.seed());
        double[] b = new double[1];
        double[] w = neuron(t, seeds, b);
        return empirical(t, w, b[0], seeds, Stream.CHECK, 50_000).z(PopulationGradient.correlation(t, w, b[0]));
    }

    /**
     * Claim: the error decays like n^{-1/2}. Measured: per replicate (16, or 64 in the full tier) the error
     * ||ĝ_n - g|| at n = 2^10 … 2^17 on independent samples, and the least-squares slope of its log against log n;
     * the mean slope over replicates with its standard error ({@link Exponents#seedSlope}). Prediction -1/2 (exact: for an
     * i.i.d. mean E||ĝ_n - g||² = Σ Var/n); tolerance t_{0.975, replicates-1}·SE from the replicates' spread.
     */
    @Property(tries = 4, seed = "303")
    void errorDecaysLikeInverseSquareRootOfN(@ForAll @LongRange(min = 0, max = 1000) long seed) {
        Problems.TargetCase tc = new Problems.TargetCase(6, 2, 3, seed);
        Target t = tc.build();
        Seeds seeds = new Seeds(seed);
        double[] b = new double[1];
        double[] w = neuron(t, seeds, b);
        double[] exact = PopulationGradient.correlation(t, w, b[0]);
        int replicates = Tier.pick(16, 64);
        double[][] n = new double[replicates][8];
        double[][] error = new double[replicates][8];
        for (int rep = 0; rep < replicates; rep++) {
            for (int e = 10; e <= 17; e++) {
                n[rep][e - 10] = 1L << e;
                double[] mean = empirical(t, w, b[0], seeds.child(rep * 100L + e), Stream.CHECK, 1L << e).mean();
                double ss = 0;
                for (int p = 0; p < mean.length; p++) {
                    ss += (mean[p] - exact[p]) * (mean[p] - exact[p]);
                }
                error[rep][e - 10] = Math.sqrt(ss);
            }
        }
        Exponents.SeedSlope fit = Exponents.seedSlope(n, error);
        assertTrue(fit.agrees(-0.5, 0), tc + ": measured log-log slope " + fit.slope() + " (SE " + fit.standardError()
                + " over " + replicates + " replicates), predicted -0.5, tolerance " + fit.halfWidth() + " (t·SE)");
    }
}
