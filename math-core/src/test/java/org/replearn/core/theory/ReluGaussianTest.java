package org.replearn.core.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.special.Erf;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class ReluGaussianTest {
    private static final NormalDistribution STANDARD = new NormalDistribution(0, 1);
    private static final double[] MEANS = {-1.5, 0.0, 0.8};
    private static final double[] SDS = {0.3, 1.7};
    private static final double[] RHOS = {-1, -0.999999, -0.93, -0.5, 0, 0.2, 0.8, 0.95, 0.999999, 1};

    private static double phi(double z) {
        return 0.5 * Erf.erfc(-z / Math.sqrt(2));
    }

    private static double relu(double t) {
        return t > 0 ? t : 0;
    }

    /** {@code E σ(m + tY)}, {@code Y ~ N(0,1)} (Commons Math), {@code σ(m)} for {@code t = 0}. */
    private static double reluMean(double m, double t) {
        return t == 0 ? relu(m) : m * phi(m / t) + t * STANDARD.density(m / t);
    }

    /**
     * {@code E σ(u)} and {@code E σ(u)²} against {@code ∫ φ(z) σ(μ + sz)^k dz} (Commons Math's 40-point Gauss–Legendre
     * on pieces, from the kink {@code -μ/s} to 40), to {@code 1e-14 (|μ| + s)^k}; {@code s = 0} gives {@code σ(μ)^k}.
     */
    @Test
    void meanAndSecondMomentMatchIntegration() {
        for (double mu : new double[] {-3, -0.7, 0, 0.4, 2.5}) {
            for (double s : new double[] {0.05, 0.6, 1, 3}) {
                double lo = Math.max(-mu / s, -40);
                UnivariateFunction f1 = z -> STANDARD.density(z) * (mu + s * z);
                UnivariateFunction f2 = z -> STANDARD.density(z) * (mu + s * z) * (mu + s * z);
                double scale = Math.abs(mu) + s;
                double[] none = {};
                assertEquals(PiecewiseLegendre.integrate(f1, lo, 40, none, none), ReluGaussian.mean(mu, s),
                        1e-14 * scale, "mean, mu = " + mu + ", s = " + s);
                assertEquals(PiecewiseLegendre.integrate(f2, lo, 40, none, none), ReluGaussian.secondMoment(mu, s),
                        1e-14 * scale * scale, "second moment, mu = " + mu + ", s = " + s);
            }
            assertEquals(relu(mu), ReluGaussian.mean(mu, 0), 0.0);
            assertEquals(relu(mu) * relu(mu), ReluGaussian.secondMoment(mu, 0), 0.0);
        }
    }

    /**
     * {@code E σ(u)σ(v)} against the one-dimensional integral {@code ∫ φ(z) σ(μ₁ + s₁z) E σ(μ₂ + s₂ρz + s₂qY) dz}
     * ({@code v = μ₂ + s₂(ρZ + qY)}, inner mean in closed form with Commons Math's {@code Φ}), on pieces refined at
     * the inner step {@code z = -μ₂/(s₂ρ)} (a kink when {@code q = 0}), to {@code 1e-13 (|μ₁| + s₁)(|μ₂| + s₂)}, for
     * means of both signs, two scales and correlations through every branch including {@code ρ = ±1}.
     */
    @Test
    void productMatchesOneDimensionalIntegration() {
        for (double mu1 : MEANS) {
            for (double s1 : SDS) {
                for (double mu2 : MEANS) {
                    for (double s2 : SDS) {
                        for (double rho : RHOS) {
                            double reference = integral(mu1, s1, mu2, s2, rho);
                            double exact = ReluGaussian.product(mu1, s1, mu2, s2, rho * s1 * s2);
                            double scale = (Math.abs(mu1) + s1) * (Math.abs(mu2) + s2);
                            assertEquals(reference, exact, 1e-13 * scale, "mu1 = " + mu1 + ", s1 = " + s1 + ", mu2 = "
                                    + mu2 + ", s2 = " + s2 + ", rho = " + rho);
                        }
                    }
                }
            }
        }
    }

    private static double integral(double mu1, double s1, double mu2, double s2, double rho) {
        double q = Math.sqrt((1 - rho) * (1 + rho));
        UnivariateFunction f = z -> STANDARD.density(z) * (mu1 + s1 * z) * reluMean(mu2 + s2 * rho * z, s2 * q);
        double lo = Math.max(-mu1 / s1, -40);
        if (rho == 0) {
            return PiecewiseLegendre.integrate(f, lo, 40, new double[] {}, new double[] {});
        }
        return PiecewiseLegendre.integrate(f, lo, 40, new double[] {-mu2 / (s2 * rho)},
                new double[] {q / Math.abs(rho)});
    }

    /**
     * Monte Carlo: {@code 2·10⁶} draws of {@code (Z₁, Z₂ = ρZ₁ + qY)} (Commons RNG XO_RO_SHI_RO_128_PP, ziggurat
     * normals); the sample mean of {@code σ(u)σ(v)} must be within 4 standard errors (sample SD / sqrt(N)) of the
     * exact value, for each case (a z-score test: a correct formula fails one case in about 16 000).
     */
    @Test
    void productMatchesMonteCarlo() {
        double[][] cases = {
            {0.3, 1.2, -0.4, 0.7, 0.35}, {-1.1, 0.8, 0.9, 1.5, -0.6}, {0.0, 1.0, 0.0, 1.0, 0.97},
            {2.0, 0.5, -1.0, 2.0, -0.98}, {-0.2, 0.4, -0.3, 0.9, 0.0}, {1.0, 1.0, 1.0, 1.0, 1.0},
        };
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(20240917L);
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        int n = 2_000_000;
        for (double[] c : cases) {
            double rho = c[4];
            double q = Math.sqrt((1 - rho) * (1 + rho));
            double sum = 0;
            double sq = 0;
            for (int i = 0; i < n; i++) {
                double z1 = normal.sample();
                double z2 = rho * z1 + q * normal.sample();
                double v = relu(c[0] + c[1] * z1) * relu(c[2] + c[3] * z2);
                sum += v;
                sq += v * v;
            }
            double mean = sum / n;
            double se = Math.sqrt((sq / n - mean * mean) / n);
            double exact = ReluGaussian.product(c[0], c[1], c[2], c[3], rho * c[1] * c[3]);
            double z = (mean - exact) / se;
            assertTrue(Math.abs(z) <= 4, "case " + java.util.Arrays.toString(c) + ": MC " + mean + " ± " + se
                    + " vs exact " + exact + " (z = " + z + ")");
        }
    }

    /**
     * Near {@code |ρ| = 1}, against first-order expansions that are exact up to {@code O(δ^{3/2})}: since
     * {@code ∂/∂c E σ(u)σ(v) = P(u > 0, v > 0) = Φ₂(a₁, a₂; ρ)} (c the covariance, Price's theorem),
     * <pre>E σσ(1 - δ) = E σσ(1) - δ Φ(min(a₁, a₂)) + R,  E σσ(-1 + δ) = E σσ(-1) + δ max(0, Φ(a₁) - Φ(-a₂)) + R,</pre>
     * {@code 0 <= R <= 0.2 δ^{3/2}} (unit variances; {@code Φ₂} moves from its limit by the integral of its density
     * {@code φ₂ <= 1/(2π sqrt(1 - r²))}, at most {@code sqrt(1 - |ρ|)/(π sqrt(1 + |ρ|))}, so
     * {@code R <= (2/3) δ^{3/2}/(π sqrt(2 - δ)) < 0.2 δ^{3/2}}). With {@code δ} down to {@code 1e-15} this checks that
     * the evaluation near the degenerate correlations keeps full accuracy ({@code 1e-15 (1 + E σσ)} slack), including
     * equal standardized means, where terms of order {@code sqrt(δ)} cancel.
     */
    @Test
    void nearDegenerateCorrelationsMatchTheExpansion() {
        double[][] means = {{0.3, 0.3}, {-0.8, -0.8}, {1.2, 1.2 + 1e-9}, {0.5, -0.4}, {-1.0, 2.0}, {0.0, 0.0},
            {2.5, -2.5 + 1e-7}};
        for (double[] mu : means) {
            double at1 = ReluGaussian.product(mu[0], 1, mu[1], 1, 1);
            double atMinus1 = ReluGaussian.product(mu[0], 1, mu[1], 1, -1);
            double slope1 = phi(Math.min(mu[0], mu[1]));
            double slopeMinus1 = Math.max(0, phi(mu[0]) - phi(-mu[1]));
            double slack = 1e-15 * (1 + Math.max(at1, atMinus1));
            for (double delta : new double[] {1e-4, 1e-6, 1e-9, 1e-12, 1e-15}) {
                double rho = 1 - delta;
                double d = 1 - rho; // exact: the δ actually used
                double r = ReluGaussian.product(mu[0], 1, mu[1], 1, rho) - (at1 - d * slope1);
                assertTrue(r >= -slack && r <= 0.2 * Math.pow(d, 1.5) + slack, "rho = 1 - " + d + ", means "
                        + mu[0] + ", " + mu[1] + ": remainder " + r);
                rho = -1 + delta;
                d = rho + 1;
                r = ReluGaussian.product(mu[0], 1, mu[1], 1, rho) - (atMinus1 + d * slopeMinus1);
                assertTrue(r >= -slack && r <= 0.2 * Math.pow(d, 1.5) + slack, "rho = -1 + " + d + ", means "
                        + mu[0] + ", " + mu[1] + ": remainder " + r);
            }
        }
    }

    /**
     * Special configurations: the diagonal {@code E σ(u)σ(u) = E σ(u)²} (identical variables, ρ = 1), the mirror
     * {@code σ(u)σ(-u) = 0}, symmetry in the two variables, zero variances ({@code σ(μ)} constants), and saturated
     * variables ({@code |μ/s| > 40}, treated as 0 or linear) equal to the generic formula evaluated past saturation.
     */
    @Test
    void specialConfigurations() {
        for (double mu : new double[] {-2.2, -0.1, 0, 0.6, 3.1}) {
            for (double s : new double[] {0.2, 1, 2.5}) {
                double second = ReluGaussian.secondMoment(mu, s);
                assertEquals(second, ReluGaussian.product(mu, s, mu, s, s * s), 1e-15 * (mu * mu + s * s),
                        "diagonal " + mu + ", " + s);
                assertEquals(0.0, ReluGaussian.product(mu, s, -mu, s, -s * s), 0.0, "mirror " + mu + ", " + s);
                assertEquals(relu(0.7) * ReluGaussian.mean(mu, s), ReluGaussian.product(0.7, 0, mu, s, 0), 1e-16);
                assertEquals(0.0, ReluGaussian.product(-0.7, 0, mu, s, 0), 0.0);
                assertEquals(ReluGaussian.product(mu, s, 0.4, 1.3, 0.3 * s * 1.3),
                        ReluGaussian.product(0.4, 1.3, mu, s, 0.3 * s * 1.3), 2e-15 * (1 + Math.abs(mu) + s),
                        "symmetry " + mu + ", " + s);
            }
        }
        assertEquals(0.7 * 1.2, ReluGaussian.product(0.7, 0, 1.2, 0, 0), 0.0);
        // always-on and always-off variables against the generic formula just past the saturation threshold
        for (double rho : new double[] {-1, -0.97, -0.3, 0, 0.5, 0.99, 1}) {
            for (double a2 : new double[] {-1.3, 0, 0.9}) {
                double a1 = 40.5;
                double generic = ReluGaussian.standardized(a1, phi(a1), phi(-a1), STANDARD.density(a1), a2, phi(a2),
                        phi(-a2), STANDARD.density(a2), rho);
                assertEquals(generic, ReluGaussian.product(a1, 1, a2, 1, rho), 1e-14 * (a1 * a1), "on, rho = " + rho);
                double off = ReluGaussian.standardized(-a1, phi(-a1), phi(a1), STANDARD.density(a1), a2, phi(a2),
                        phi(-a2), STANDARD.density(a2), rho);
                assertEquals(0.0, off, 0.0);
                assertEquals(0.0, ReluGaussian.product(-a1, 1, a2, 1, rho), 0.0);
            }
        }
        assertEquals(40.5 * 40.5 + 1, ReluGaussian.secondMoment(40.5, 1), 0.0);
        assertEquals(0.0, ReluGaussian.mean(-40.5, 1), 0.0);
    }

    @Test
    void badArgumentsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReluGaussian.mean(0, -1));
        assertTrue(e.getMessage().contains("s = -1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ReluGaussian.secondMoment(Double.NaN, 1));
        assertTrue(e.getMessage().contains("mu = NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ReluGaussian.product(0, 1, 0, 2, 2.1));
        assertTrue(e.getMessage().contains("Cauchy"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ReluGaussian.product(0, 0, 0, 2, 0.1));
        assertTrue(e.getMessage().contains("cov = 0.1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ReluGaussian.product(0, 1, 0, 1, Double.POSITIVE_INFINITY));
        assertTrue(e.getMessage().contains("cov = Infinity"), e.getMessage());
    }
}
