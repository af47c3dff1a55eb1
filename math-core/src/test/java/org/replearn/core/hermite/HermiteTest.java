package org.replearn.core.hermite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

class HermiteTest {
    private static final MathContext MC = new MathContext(60);
    private static final double EPS = Math.ulp(1.0);
    private static final int MAX_K = 60;
    /** Cramér's inequality: {@code |h_k(z)| <= K e^{z²/4}} for all k and z, with K = 1.086435... */
    private static final double CRAMER = 1.0865;

    /**
     * Reference {@code h_k^{(order)}(z)} for k = 0..K, order 0..2, rounded to double: the integer-coefficient
     * recurrence {@code He_{k+1} = z He_k - k He_{k-1}} and its first two derivatives (product rule:
     * {@code He'_{k+1} = He_k + z He'_k - k He'_{k-1}}, {@code He''_{k+1} = 2 He'_k + z He''_k - k He''_{k-1}}) in
     * 60-digit decimals from the exact binary value of z, then divided by {@code sqrt(k!)}. The derivative
     * recurrences do not use the identity {@code He_k' = k He_{k-1}} under test.
     */
    private static double[][] reference(double z, int maxK) {
        BigDecimal x = new BigDecimal(z);
        BigDecimal[][] he = new BigDecimal[3][maxK + 1];
        he[0][0] = BigDecimal.ONE;
        he[1][0] = BigDecimal.ZERO;
        he[2][0] = BigDecimal.ZERO;
        he[0][1] = x;
        he[1][1] = BigDecimal.ONE;
        he[2][1] = BigDecimal.ZERO;
        for (int k = 1; k < maxK; k++) {
            BigDecimal kk = BigDecimal.valueOf(k);
            he[0][k + 1] = x.multiply(he[0][k], MC).subtract(kk.multiply(he[0][k - 1]), MC);
            he[1][k + 1] = he[0][k].add(x.multiply(he[1][k], MC), MC).subtract(kk.multiply(he[1][k - 1]), MC);
            he[2][k + 1] = BigDecimal.valueOf(2).multiply(he[1][k]).add(x.multiply(he[2][k], MC), MC)
                    .subtract(kk.multiply(he[2][k - 1]), MC);
        }
        double[][] h = new double[3][maxK + 1];
        BigDecimal factorial = BigDecimal.ONE;
        for (int k = 0; k <= maxK; k++) {
            if (k > 0) {
                factorial = factorial.multiply(BigDecimal.valueOf(k));
            }
            BigDecimal root = factorial.sqrt(MC);
            for (int order = 0; order < 3; order++) {
                h[order][k] = he[order][k].divide(root, MC).doubleValue();
            }
        }
        return h;
    }

    /**
     * Error scale of the forward recurrence at degree k: {@code 4(k+1)ε·A_k}, with {@code A_k = sqrt(h_k² + h_{k-1}²)}
     * the amplitude of the pair the recurrence carries. Each step rounds two products and a difference whose
     * terms are at most ~2A in the oscillatory region {@code |z| < 2 sqrt(k)} (there {@code |z|/sqrt(k+1) < 2}), and
     * the normalized recurrence is close to a rotation there (determinant {@code sqrt(k/(k+1))}), so errors add up
     * without growth; outside that region h_k is the dominant solution and has no roots. Near a root of h_k its
     * relative error is unbounded for any finite-precision method (condition number {@code |z h_k'/h_k| -> ∞}),
     * while {@code A_k > 0} there because the roots of h_k and h_{k-1} interlace.
     */
    private static double recurrenceScale(int k, double hk, double hkMinus1) {
        double amplitude = k == 0 ? Math.abs(hk) : Math.hypot(hk, hkMinus1);
        return 4 * (k + 1) * EPS * amplitude;
    }

    /** Claim: |h_k(z) - exact| <= 1e-12·max(|exact|, 4(k+1)ε A_k / 1e-12) for k <= 60, z on a grid in [-10, 10]. */
    @Test
    void valuesMatchExactArithmeticToOnePartIn1e12() {
        double worstRelative = 0;   // over points where the relative criterion binds
        double worstScaled = 0;     // error / (4(k+1)ε A_k) over all points
        int nearRoot = 0;
        double[] h = new double[MAX_K + 1];
        for (int i = 0; i <= 400; i++) {
            double z = -10 + i * 0.05;
            Hermite.values(z, MAX_K, h);
            double[] ex = reference(z, MAX_K)[0];
            for (int k = 0; k <= MAX_K; k++) {
                double scale = recurrenceScale(k, ex[k], k == 0 ? 0 : ex[k - 1]);
                double err = Math.abs(h[k] - ex[k]);
                assertTrue(err <= Math.max(1e-12 * Math.abs(ex[k]), scale),
                        "k=" + k + ", z=" + z + ": h=" + h[k] + ", exact=" + ex[k] + ", |error| " + err);
                if (1e-12 * Math.abs(ex[k]) >= scale) {
                    worstRelative = Math.max(worstRelative, err / Math.abs(ex[k]));
                } else {
                    nearRoot++;
                }
                if (scale > 0) {
                    worstScaled = Math.max(worstScaled, err / scale);
                }
                assertEquals(h[k], Hermite.value(k, z), 0.0, "single-degree evaluation runs the same recurrence");
            }
        }
        System.out.printf("Hermite: k<=60, z in [-10,10]: max relative error %.3e where |h_k| >= the recurrence"
                + " scale; %d of %d points near a root used the scale; max error / (4(k+1)ε A_k) = %.3f%n",
                worstRelative, nearRoot, 401 * (MAX_K + 1), worstScaled);
    }

    /** Finite and within Cramér's bound {@code |h_k(z)| <= 1.0865 e^{z²/4}} (margin 1e-9 for rounding). */
    @Test
    void finiteAndWithinCramersBoundForDegreesUpTo1000() {
        double[] h = new double[1001];
        for (int i = -120; i <= 120; i++) {
            double z = i * 0.25;
            Hermite.values(z, 1000, h);
            double bound = CRAMER * Math.exp(z * z / 4) * (1 + 1e-9);
            for (int k = 0; k <= 1000; k++) {
                assertTrue(Double.isFinite(h[k]), "h_" + k + "(" + z + ") = " + h[k]);
                assertTrue(Math.abs(h[k]) <= bound, "h_" + k + "(" + z + ") = " + h[k] + " exceeds Cramér's bound");
            }
        }
    }

    /**
     * {@code h_k' = sqrt(k) h_{k-1}} (i.e. {@code He_k' = k He_{k-1}}) and {@code h_k'' = sqrt(k(k-1)) h_{k-2}} against
     * the derivatives of the exact recurrence. The double results are {@code sqrt(k)} (resp. {@code sqrt(k(k-1))})
     * times a value of degree k-1 (k-2), so the value test's bound applies, scaled by that factor, plus 2ε for the
     * multiplication.
     */
    @Test
    void derivativesMatchTheDifferentiatedExactRecurrence() {
        double[] v = new double[MAX_K + 1];
        double[] dv = new double[MAX_K + 1];
        double[] d2v = new double[MAX_K + 1];
        double worst = 0;
        for (int i = 0; i <= 200; i++) {
            double z = -10 + i * 0.1;
            Hermite.valuesAndDerivatives(z, MAX_K, v, dv);
            Hermite.secondDerivatives(MAX_K, v, d2v);
            double[][] ex = reference(z, MAX_K);
            for (int k = 1; k <= MAX_K; k++) {
                int j = k - 1;
                double scale = Math.sqrt(k) * recurrenceScale(j, ex[0][j], j == 0 ? 0 : ex[0][j - 1]);
                double err = Math.abs(dv[k] - ex[1][k]);
                double tol = Math.max(1e-12 * Math.abs(ex[1][k]), scale) + 2 * EPS * Math.abs(ex[1][k]);
                assertTrue(err <= tol, "h_" + k + "'(" + z + ") = " + dv[k] + ", exact " + ex[1][k]);
                worst = Math.max(worst, err / tol);
            }
            for (int k = 2; k <= MAX_K; k++) {
                int j = k - 2;
                double scale = Math.sqrt(k * (k - 1.0)) * recurrenceScale(j, ex[0][j], j == 0 ? 0 : ex[0][j - 1]);
                double err = Math.abs(d2v[k] - ex[2][k]);
                double tol = Math.max(1e-12 * Math.abs(ex[2][k]), scale) + 3 * EPS * Math.abs(ex[2][k]);
                assertTrue(err <= tol, "h_" + k + "''(" + z + ") = " + d2v[k] + ", exact " + ex[2][k]);
                worst = Math.max(worst, err / tol);
            }
            assertEquals(0.0, dv[0], 0.0);
            assertEquals(0.0, d2v[0], 0.0);
            assertEquals(0.0, d2v[1], 0.0);
        }
        System.out.printf("Hermite: derivatives vs differentiated exact recurrence, max error/tolerance = %.3f%n",
                worst);
    }

    /**
     * Central differences {@code (h_k(z+δ) - h_k(z-δ)) / 2δ} with dyadic z and {@code δ = 2^-17}, so {@code z ± δ} and
     * {@code 2δ} are exact. Error bound: truncation {@code δ²/6 · max|h_k'''|}, with
     * {@code |h_k'''| = sqrt(k(k-1)(k-2)) |h_{k-3}| <= sqrt(k(k-1)(k-2)) K e^{(|z|+δ)²/4}} (Cramér), plus rounding
     * {@code 2·4(k+1)ε·sqrt(2) K e^{(|z|+δ)²/4} / (2δ)} from the two values (value-test bound with
     * {@code A <= sqrt(2) K e^{z²/4}}), plus 2ε relative for the division and the product {@code sqrt(k) h_{k-1}}.
     */
    @Test
    void derivativeIdentityMatchesCentralDifferences() {
        int maxK = 20;
        double[] v = new double[maxK + 1];
        double[] dv = new double[maxK + 1];
        double[] hp = new double[maxK + 1];
        double[] hm = new double[maxK + 1];
        double delta = 0x1p-17;
        double worst = 0;
        for (int i = -32; i <= 32; i++) {
            double z = i / 8.0;
            Hermite.valuesAndDerivatives(z, maxK, v, dv);
            Hermite.values(z + delta, maxK, hp);
            Hermite.values(z - delta, maxK, hm);
            double envelope = CRAMER * Math.exp((Math.abs(z) + delta) * (Math.abs(z) + delta) / 4);
            for (int k = 0; k <= maxK; k++) {
                double fd = (hp[k] - hm[k]) / (2 * delta);
                double third = Math.sqrt(k * Math.max(k - 1, 0) * (double) Math.max(k - 2, 0)) * envelope;
                double tol = delta * delta / 6 * third + 4 * (k + 1) * EPS * Math.sqrt(2) * envelope / delta
                        + 2 * EPS * Math.abs(dv[k]);
                double err = Math.abs(dv[k] - fd);
                assertTrue(err <= tol, "k=" + k + ", z=" + z + ": analytic " + dv[k] + ", difference " + fd);
                worst = Math.max(worst, err / tol);
            }
        }
        System.out.printf("Hermite: derivative vs central differences, max error/tolerance = %.3f%n", worst);
    }

    @Test
    void badDegreesAndShortArraysAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Hermite.values(0.0, -1, new double[1]));
        assertThrows(IllegalArgumentException.class, () -> Hermite.values(0.0, 5, new double[3]));
        assertThrows(IllegalArgumentException.class, () -> Hermite.value(-2, 0.0));
        assertThrows(IllegalArgumentException.class,
                () -> Hermite.valuesAndDerivatives(0.0, 5, new double[6], new double[5]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Hermite.secondDerivatives(5, new double[6], new double[4]));
        assertTrue(e.getMessage().startsWith("second has length 4"), e.getMessage());
    }
}
