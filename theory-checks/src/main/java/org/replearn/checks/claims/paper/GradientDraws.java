package org.replearn.checks.claims.paper;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.replearn.core.hermite.MultiIndex;
import org.replearn.core.targets.HermitePolynomial;
import org.replearn.core.targets.Target;

/** The random cases of {@link GradientCorrectnessClaim}: targets at a point, and networks with output weights. */
final class GradientDraws {
    private GradientDraws() {
    }

    /** A random network case: dimension d in 1…8, even width m in 2…16, n in 5…80 samples, output weights a. */
    record NetworkDraw(int d, int m, int n, double[] a) {
    }

    /** The next network case's sizes and output weights (uniform in [-1, 1], breaking the symmetric init). */
    static NetworkDraw drawNetwork(UniformRandomProvider rng) {
        int d = 1 + rng.nextInt(8);
        int m = 2 * (1 + rng.nextInt(8));
        int n = 5 + rng.nextInt(76);
        double[] a = new double[m];
        for (int j = 0; j < m; j++) {
            a[j] = 2 * rng.nextDouble() - 1;
        }
        return new NetworkDraw(d, m, n, a);
    }

    /**
     * The next random target: {@code r} in 1…3, {@code p} in 2…4, {@code d} in {@code r…r+9}, each coefficient of
     * degree {@code <= p} present with probability 1/2 and uniform in [-1, 1], {@code h_p(z_1)} with coefficient 1, a
     * random frame and a standard Gaussian point, all from {@code rng}.
     */
    static FiniteDifferences.TargetPoint drawTarget(UniformRandomProvider rng) {
        int r = 1 + rng.nextInt(3);
        int p = 2 + rng.nextInt(3);
        int d = r + rng.nextInt(10);
        HermitePolynomial.Builder b = HermitePolynomial.builder(r);
        for (MultiIndex alpha : MultiIndex.upToDegree(r, p)) {
            if (rng.nextBoolean()) {
                b.add(alpha, 2 * rng.nextDouble() - 1);
            }
        }
        b.add(MultiIndex.unit(r, 0, p), 1.0); // degree exactly p
        HermitePolynomial g = b.build();
        Target t = Target.random(g, d, rng);
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] x = new double[d];
        for (int i = 0; i < d; i++) {
            x[i] = normal.sample();
        }
        return new FiniteDifferences.TargetPoint(g, p, t, x);
    }
}
