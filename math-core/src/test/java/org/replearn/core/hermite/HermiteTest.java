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
                assertEquals(h[k], Hermite.value(k, z), 0.0, "single-degree evaluation runs the same recurrence");
            }
        }
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
            }
            for (int k = 2; k <= MAX_K; k++) {
                int j = k - 2;
                double scale = Math.sqrt(k * (k - 1.0)) * recurrenceScale(j, ex[0][j], j == 0 ? 0 : ex[0][j - 1]);
                double err = Math.abs(d2v[k] - ex[2][k]);
                double tol = Math.max(1e-12 * Math.abs(ex[2][k]), scale) + 3 * EPS * Math.abs(ex[2][k]);
                assertTrue(err <= tol, "h_" + k + "''(" + z + ") = " + d2v[k] + ", exact " + ex[2][k]);
            }
            assertEquals(0.0, dv[0], 0.0);
            assertEquals(0.0, d2v[0], 0.0);
            assertEquals(0.0, d2v[1], 0.0);
        }
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
            }
        }
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

    /**
     * Regression: the largest degree was implicit in a table size, and the error for a larger one pointed at an
     * internal method. MAX_DEGREE = 4096 is tabulated (values finite at z = 1, within Cramér's bound) and 4097 is
     * refused with a message naming the constant.
     */
    @Test
    void maxDegreeIsTheLargestTabulatedDegree() {
        assertEquals(4096, Hermite.MAX_DEGREE);
        int k = Hermite.MAX_DEGREE;
        double[] h = new double[k + 1];
        double[] dh = new double[k + 1];
        double[] d2h = new double[k + 1];
        Hermite.valuesAndDerivatives(1.0, k, h, dh);
        Hermite.secondDerivatives(k, h, d2h);
        assertEquals(Hermite.value(k, 1.0), h[k], 1e-12);
        assertTrue(Math.abs(h[k]) <= CRAMER * Math.exp(0.25), "h_4096(1) = " + h[k]);
        assertEquals(Math.sqrt(k) * h[k - 1], dh[k], 0.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Hermite.values(0.0, k + 1, new double[k + 2]));
        assertEquals("maxDegree = 4097 exceeds Hermite.MAX_DEGREE = 4096: use Hermite.value(k, z) for a single higher"
                + " degree", e.getMessage());
    }

    /**
     * productCoefficient against {@code sqrt(a! b! n!) / (k! (a-k)! (b-k)!)}, {@code n = a+b-2k}, in 60-digit decimals
     * (the factorials carry 8192 roundings of 1e-60), for degrees on both sides of the exact-binomial range
     * (a + b < 67) up to MAX_DEGREE: within its documented bound {@code 2(a+b)ε} relative (2ε below 67), +Infinity
     * beyond the double range, and refused above MAX_DEGREE.
     */
    @Test
    void productCoefficientMatchesHighPrecisionArithmeticUpToMaxDegree() {
        int[] degrees = {0, 1, 2, 3, 7, 20, 33, 34, 50, 66, 67, 100, 170, 171, 500, 1000, 2047, 4096};
        BigDecimal[] factorial = new BigDecimal[2 * Hermite.MAX_DEGREE + 1];
        factorial[0] = BigDecimal.ONE;
        for (int n = 1; n < factorial.length; n++) {
            factorial[n] = factorial[n - 1].multiply(BigDecimal.valueOf(n), MC);
        }
        for (int a : degrees) {
            for (int b : degrees) {
                int m = Math.min(a, b);
                for (int k : new int[] {0, 1, m / 3, m / 2, m - 1, m}) {
                    if (k < 0 || k > m) {
                        continue;
                    }
                    BigDecimal num = factorial[a].multiply(factorial[b], MC).multiply(factorial[a + b - 2 * k], MC);
                    BigDecimal den = factorial[k].multiply(factorial[a - k], MC).multiply(factorial[b - k], MC);
                    BigDecimal exact = num.sqrt(MC).divide(den, MC);
                    double actual = Hermite.productCoefficient(a, b, k);
                    String at = "productCoefficient(" + a + ", " + b + ", " + k + ")";
                    if (exact.compareTo(new BigDecimal(Double.MAX_VALUE)) > 0) {
                        assertEquals(Double.POSITIVE_INFINITY, actual, at + ", exact " + exact.round(
                                new MathContext(5)));
                        continue;
                    }
                    double error = new BigDecimal(actual).subtract(exact).abs().divide(exact, MC).doubleValue();
                    double bound = (a + b < 67 ? 2 : 2 * (a + b)) * EPS;
                    assertTrue(error <= bound, at + " = " + actual + ", exact " + exact + ", relative error " + error);
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Hermite.productCoefficient(4097, 1, 0));
        assertThrows(IllegalArgumentException.class,
                () -> Hermite.productCoefficient(Integer.MAX_VALUE, Integer.MAX_VALUE, 0));
        assertThrows(IllegalArgumentException.class, () -> Hermite.productCoefficient(2, 3, 3));
    }
}
