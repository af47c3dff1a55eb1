package org.replearn.core.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

class BivariateNormalTest {
    private static final NormalDistribution STANDARD = new NormalDistribution(0, 1);
    private static final double[] LIMITS = {-7.5, -3.2, -1.7, -0.6, -0.05, 0.0, 0.3, 1.1, 2.4, 5.9};
    private static final double[] RHOS = {-1, -0.9999999999, -0.999, -0.95, -0.925, -0.9, -0.75, -0.5, -0.3, -0.1,
        -1e-9, 0, 1e-9, 0.1, 0.29999, 0.3, 0.6, 0.75, 0.9, 0.92499, 0.925, 0.97, 0.999, 0.9999999999, 1};

    /** {@code Φ(z)} to 20 digits (mpmath {@code ncdf} at 40 digits), an independent reference for the tails. */
    private static final double[][] PHI_REFERENCE = {
        {-37.0, 5.7255712225245768227e-300}, {-33.3, 1.9305055059278399761e-243},
        {-30.0, 4.9067139271481870595e-198}, {-27.1, 4.9231854540831075363e-162},
        {-25.0, 3.0566967063825609164e-138}, {-22.6, 2.1668590876034485074e-113},
        {-20.0, 2.7536241186062336951e-89}, {-17.5, 7.1634587662350358454e-69}, {-15.0, 3.6709661993127508858e-51},
        {-12.25, 8.3997960636334176589e-35}, {-10.0, 7.619853024160526066e-24}, {-8.0, 6.2209605742717841235e-16},
        {-7.1, 6.2378444633315911405e-13}, {-6.0, 9.865876450376981407e-10}, {-5.0, 2.8665157187919391167e-7},
        {-4.4, 5.4125439077038509806e-6}, {-4.0, 0.000031671241833119921254}, {-3.3, 0.0004834241423837775071},
        {-3.0, 0.0013498980316300945267}, {-2.5, 0.006209665325776135167}, {-2.0, 0.0227501319481792072},
        {-1.66, 0.048457226266722825597}, {-1.5, 0.066807201268858066004}, {-1.2, 0.11506967022170827665},
        {-1.0, 0.15865525393145705141}, {-0.7, 0.24196365222307302862}, {-0.5, 0.30853753872598689636},
        {-0.25, 0.40129367431707627576}, {-0.1, 0.46017216272297101633}, {-0.01, 0.49601064368536839622},
    };

    /** Commons Math's Φ, independent of {@link Gaussian}. */
    private static double phi(double z) {
        return 0.5 * Erf.erfc(-z / Math.sqrt(2));
    }

    /**
     * {@link Gaussian#cdf} (Schonfelder's expansion): against 20-digit values, relative error within {@code 1e-15} down
     * to {@code z = -37}, and {@code 1 - Φ(-z)} above 0. Against Commons Math's {@code Erf.erfc} on a grid of step
     * 0.01: within {@code 1e-14} relative on {@code [-5, 0]} and {@code 1e-12} down to {@code -37}, {@code 4e-16}
     * absolute above 0; those bounds are Commons Math's own error (at {@code z = -1.66} it is off by {@code 5.6e-15}
     * relative; at {@code z = -34.78}, where the 40-digit value is {@code 2.44011121058972129e-265}, it gives
     * {@code ...904858e-265}, this class {@code ...897184e-265}: Commons Math rounds {@code z²} inside the
     * exponential). The density to {@code 1e-15} relative against 20-digit values, and to {@code 1e-15 + 2e-16 z²}
     * relative against Commons Math.
     */
    @Test
    void univariateCdfMatchesReferences() {
        double[][] densities = {{-37.0, 2.1200065515246056269e-298}, {-20.0, 5.5209483621597631896e-88},
            {-8.5, 8.1662356316695500394e-17}};
        for (double[] ref : densities) {
            assertEquals(ref[1], Gaussian.density(ref[0]), 1e-15 * ref[1], "density at " + ref[0]);
            assertEquals(ref[1], Gaussian.density(-ref[0]), 1e-15 * ref[1], "density at " + -ref[0]);
        }
        for (double[] ref : PHI_REFERENCE) {
            double rel = Math.abs(Gaussian.cdf(ref[0]) - ref[1]) / ref[1];
            assertTrue(rel <= 1e-15, "z = " + ref[0] + ": " + Gaussian.cdf(ref[0]) + " vs " + ref[1]);
            assertEquals(1 - ref[1], Gaussian.cdf(-ref[0]), 1.2e-16, "z = " + -ref[0]);
        }
        for (int i = 0; i <= 4500; i++) {
            double z = -37 + i * 0.01;
            double mine = Gaussian.cdf(z);
            double ref = phi(z);
            if (z <= 0) {
                double rel = Math.abs(mine - ref) / ref;
                assertTrue(rel <= (z > -5 ? 1e-14 : 1e-12), "z = " + z + ": " + mine + " vs " + ref);
            } else {
                assertEquals(ref, mine, 4e-16, "z = " + z);
            }
            assertEquals(STANDARD.density(z), Gaussian.density(z), (1e-15 + 2e-16 * z * z) * STANDARD.density(z),
                    "density at " + z);
        }
        assertEquals(0.0, Gaussian.cdf(Double.NEGATIVE_INFINITY));
        assertEquals(1.0, Gaussian.cdf(Double.POSITIVE_INFINITY));
        assertEquals(0.5, Gaussian.cdf(0.0));
        assertTrue(Double.isNaN(Gaussian.cdf(Double.NaN)));
    }

    /** {@code ρ = 0}: {@code Φ₂(h, k; 0) = Φ(h) Φ(k)} with Commons Math's normal distribution, to 1e-15. */
    @Test
    void independentCaseIsTheProductOfMarginals() {
        for (double h : LIMITS) {
            for (double k : LIMITS) {
                double expected = STANDARD.cumulativeProbability(h) * STANDARD.cumulativeProbability(k);
                assertEquals(expected, BivariateNormal.cdf(h, k, 0.0), 1e-15, "h = " + h + ", k = " + k);
            }
        }
    }

    /**
     * {@code Φ₂(0, 0; ρ) = 1/4 + asin(ρ)/(2π)} (Sheppard), through all three Gauss–Legendre rules and both branches
     * (the boundaries 0.3, 0.75, 0.925 included), to 1e-15.
     */
    @Test
    void originMatchesSheppardsFormula() {
        for (double rho : RHOS) {
            double expected = 0.25 + Math.asin(rho) / (2 * Math.PI);
            assertEquals(expected, BivariateNormal.cdf(0, 0, rho), 1e-15, "rho = " + rho);
        }
    }

    /**
     * The degenerate limits: {@code Φ₂(h, k; 1) = Φ(min(h, k))}, {@code Φ₂(h, k; -1) = max(0, Φ(h) - Φ(-k))} to
     * 1e-15; at {@code 1 - |ρ| = 1e-10} the distance to the limit is at most
     * {@code φ(0) sqrt(2(1 - |ρ|)) ≈ 5.7e-6} (the mean gap {@code E|X - Y|/2}) and the one-sided direction holds.
     */
    @Test
    void degenerateCorrelationsGiveTheLimits() {
        for (double h : LIMITS) {
            for (double k : LIMITS) {
                double upperLimit = phi(Math.min(h, k));
                double lowerLimit = Math.max(0, phi(h) - phi(-k));
                assertEquals(upperLimit, BivariateNormal.cdf(h, k, 1), 1e-15, "rho = 1, h = " + h + ", k = " + k);
                assertEquals(lowerLimit, BivariateNormal.cdf(h, k, -1), 1e-15, "rho = -1, h = " + h + ", k = " + k);
                double delta = 1e-10;
                double bound = Math.sqrt(2 * delta) / Math.sqrt(2 * Math.PI) + 1e-15;
                double near = BivariateNormal.cdf(h, k, 1 - delta);
                assertTrue(near <= upperLimit + 1e-15 && upperLimit - near <= bound, "rho -> 1: " + near + " vs "
                        + upperLimit);
                near = BivariateNormal.cdf(h, k, -1 + delta);
                assertTrue(near >= lowerLimit - 1e-15 && near - lowerLimit <= bound, "rho -> -1: " + near + " vs "
                        + lowerLimit);
            }
        }
    }

    /**
     * Symmetry {@code Φ₂(h, k; ρ) = Φ₂(k, h; ρ)}, the reflection {@code Φ₂(h, k; ρ) + Φ₂(h, -k; -ρ) = Φ(h)} and the
     * complement {@code P(X > h, Y > k) = 1 - Φ(h) - Φ(k) + Φ₂(h, k; ρ)} (Commons Math's {@code Φ}), to 1e-15 (2e-15
     * and 3e-15 for the identities that add two and three evaluations).
     */
    @Test
    void symmetryAndReflection() {
        for (double h : LIMITS) {
            for (double k : LIMITS) {
                for (double rho : RHOS) {
                    double p = BivariateNormal.cdf(h, k, rho);
                    assertEquals(p, BivariateNormal.cdf(k, h, rho), 1e-15, "symmetry " + h + ", " + k + ", " + rho);
                    assertEquals(phi(h), p + BivariateNormal.cdf(h, -k, -rho), 2e-15,
                            "reflection " + h + ", " + k + ", " + rho);
                    assertEquals(1 - phi(h) - phi(k) + p, BivariateNormal.upper(h, k, rho), 3e-15,
                            "complement " + h + ", " + k + ", " + rho);
                }
            }
        }
    }

    /**
     * Against an independent computation: {@code Φ₂(h, k; ρ) = ∫_{-∞}^h φ(x) Φ((k - ρx)/sqrt(1 - ρ²)) dx}, integrated
     * by Commons Math's 40-point Gauss–Legendre rule (with Commons Math's {@code Φ}) on pieces of width at most 0.5,
     * refined to the width {@code sqrt(1 - ρ²)/|ρ|} of the integrand's step near {@code x = k/ρ}, truncated at
     * {@code -40} ({@code Φ(-40) < 1e-349}); agreement to 1e-13 for {@code |ρ| <= 0.999999} on a grid of limits.
     */
    @Test
    void matchesOneDimensionalIntegration() {
        for (double rho : new double[] {-0.999999, -0.99, -0.93, -0.8, -0.45, -0.2, 0.05, 0.25, 0.5, 0.74, 0.92,
            0.95, 0.995, 0.999999}) {
            for (double h : LIMITS) {
                for (double k : LIMITS) {
                    double reference = integral(h, k, rho);
                    double p = BivariateNormal.cdf(h, k, rho);
                    assertEquals(reference, p, 1e-13, "h = " + h + ", k = " + k + ", rho = " + rho);
                }
            }
        }
    }

    /** {@code ∫_{-40}^h φ(x) Φ((k - ρx)/q) dx} piecewise. */
    static double integral(double h, double k, double rho) {
        double q = Math.sqrt((1 - rho) * (1 + rho));
        UnivariateFunction f = x -> STANDARD.density(x) * phi((k - rho * x) / q);
        return PiecewiseLegendre.integrate(f, -40, h, new double[] {k / rho}, new double[] {q / Math.abs(rho)});
    }

    @Test
    void infiniteLimitsAndTails() {
        double inf = Double.POSITIVE_INFINITY;
        assertEquals(1.0, BivariateNormal.cdf(inf, inf, 0.4));
        assertEquals(0.0, BivariateNormal.cdf(-inf, 0.3, 0.4));
        assertEquals(phi(0.3), BivariateNormal.cdf(inf, 0.3, -0.95), 1e-16);
        assertEquals(phi(-1.2), BivariateNormal.cdf(-1.2, inf, 0.999), 1e-16);
        // huge finite limits: no overflow of h², hk
        assertEquals(1.0, BivariateNormal.cdf(1e200, 1e200, 0.5));
        assertEquals(0.0, BivariateNormal.cdf(-1e200, 1e200, 0.95));
        assertEquals(phi(0.7), BivariateNormal.cdf(0.7, 1e300, -0.5), 1e-16);
    }

    @Test
    void densityIsTheGaussianDensity() {
        double h = 0.4;
        double k = -1.3;
        double rho = 0.6;
        double q2 = 1 - rho * rho;
        double expected = Math.exp(-(h * h - 2 * rho * h * k + k * k) / (2 * q2)) / (2 * Math.PI * Math.sqrt(q2));
        assertEquals(expected, BivariateNormal.density(h, k, rho), 1e-16);
        assertEquals(STANDARD.density(h) * STANDARD.density(k), BivariateNormal.density(h, k, 0), 1e-16);
    }

    @Test
    void badArgumentsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BivariateNormal.cdf(0, 0, 1.0000001));
        assertTrue(e.getMessage().contains("rho = 1.0000001"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BivariateNormal.cdf(0, 0, Double.NaN));
        assertTrue(e.getMessage().contains("rho = NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BivariateNormal.upper(Double.NaN, 0, 0.5));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BivariateNormal.density(0, 0, -1));
        assertTrue(e.getMessage().contains("|rho| < 1"), e.getMessage());
    }
}
