package org.replearn.core.hermite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

/**
 * Edge cases of {@link Hermite} that the accuracy tests of {@link HermiteTest} do not reach (found by mutation
 * testing, see math-core/MUTATION.md): degree 0, degrees above the tabulated {@code MAX_DEGREE}, the exact-binomial
 * range of {@code productCoefficient}, and the messages of the argument checks.
 */
class HermiteBoundaryTest {
    private static final MathContext MC = new MathContext(60);
    private static final double EPS = Math.ulp(1.0);

    /** Degree 0 needs only {@code out[0] = h_0 = 1}: a one-element array is enough, for values and derivatives. */
    @Test
    void degreeZeroFillsOnlyTheFirstEntry() {
        double[] out = {Double.NaN};
        Hermite.values(0.7, 0, out);
        assertArrayEquals(new double[] {1.0}, out, 0.0);
        double[] v = {Double.NaN};
        double[] dv = {Double.NaN};
        double[] d2v = {Double.NaN};
        Hermite.valuesAndDerivatives(-2.5, 0, v, dv);
        Hermite.secondDerivatives(0, v, d2v);
        assertArrayEquals(new double[] {1.0}, v, 0.0);
        assertArrayEquals(new double[] {0.0}, dv, 0.0);
        assertArrayEquals(new double[] {0.0}, d2v, 0.0);
    }

    /**
     * {@link Hermite#value} above {@code MAX_DEGREE} (it computes {@code sqrt(k)} and {@code 1/sqrt(k)} past the tables)
     * against the integer recurrence {@code He_{k+1} = z He_k - k He_{k-1}} in 60-digit decimals divided by
     * {@code sqrt(k!)}, at k = 4097 ... 4100 and 5000. Tolerance: the forward-recurrence bound of {@link HermiteTest},
     * {@code 4(k+1)ε·A_k} with the amplitude {@code A_k = sqrt(h_k² + h_{k-1}²)}, plus 1e-12 relative.
     */
    @Test
    void singleDegreeValuesAboveTheTablesMatchExactArithmetic() {
        int maxK = 5000;
        for (double z : new double[] {0.75, -1.5, 3.0}) {
            BigDecimal x = new BigDecimal(z);
            BigDecimal prev = BigDecimal.ONE;
            BigDecimal cur = x;
            BigDecimal factorial = BigDecimal.ONE;
            double[] exact = new double[maxK + 1];
            exact[0] = 1;
            exact[1] = z;
            for (int k = 1; k < maxK; k++) {
                BigDecimal next = x.multiply(cur, MC).subtract(BigDecimal.valueOf(k).multiply(prev, MC), MC);
                prev = cur;
                cur = next;
                factorial = factorial.multiply(BigDecimal.valueOf(k + 1), MC);
                if (k + 1 >= 4096 && k + 1 <= 4100 || k + 1 >= 4999) {
                    exact[k + 1] = cur.divide(factorial.sqrt(MC), MC).doubleValue();
                }
            }
            for (int k : new int[] {4097, 4098, 4099, 4100, 5000}) {
                double tol = 4 * (k + 1) * EPS * Math.hypot(exact[k], exact[k - 1]) + 1e-12 * Math.abs(exact[k]);
                double actual = Hermite.value(k, z);
                assertEquals(exact[k], actual, tol, "h_" + k + "(" + z + ")");
            }
        }
    }

    /**
     * For {@code a + b < 67} the coefficient comes from exact integer binomials: three integers, each rounded once to a
     * double (≤ ε/2), two products (≤ ε/2 each) and a square root (halves the error, then ≤ ε/2): at most
     * {@code 1.75ε} relative, checked for every {@code (a, b, k)} of that range. Reference: the exact integer
     * {@code N = C(a,k) C(b,k) C(a+b-2k, a-k)} (Pascal's triangle in BigInteger); the relative error {@code δ} of
     * {@code c ≈ sqrt(N)} is {@code (c²/N - 1)/2} up to {@code δ²/2 < 1e-31}.
     */
    @Test
    void exactBinomialRangeIsAccurateToTwoRoundings() {
        BigInteger[][] binomial = new BigInteger[67][];
        for (int n = 0; n < 67; n++) {
            binomial[n] = new BigInteger[n + 1];
            binomial[n][0] = BigInteger.ONE;
            binomial[n][n] = BigInteger.ONE;
            for (int k = 1; k < n; k++) {
                binomial[n][k] = binomial[n - 1][k - 1].add(binomial[n - 1][k]);
            }
        }
        for (int a = 0; a < 67; a++) {
            for (int b = 0; a + b < 67; b++) {
                for (int k = 0; k <= Math.min(a, b); k++) {
                    int n = a + b - 2 * k;
                    BigInteger square = binomial[a][k].multiply(binomial[b][k]).multiply(binomial[n][a - k]);
                    double actual = Hermite.productCoefficient(a, b, k);
                    double error = relativeErrorOfSquareRoot(actual, square);
                    assertTrue(error <= 1.75 * EPS, "productCoefficient(" + a + ", " + b + ", " + k + ") = " + actual
                            + ", exact sqrt(" + square + "): relative error " + error / EPS + "ε");
                }
            }
        }
    }

    /**
     * {@code |c - sqrt(N)| / sqrt(N) = |c²/N - 1| / 2} up to a relative {@code 1e-16} of itself, in exact integer
     * arithmetic: {@code c = mantissa·2^e} with a 53-bit integer mantissa (c is a normal double >= 1).
     */
    private static double relativeErrorOfSquareRoot(double c, BigInteger n) {
        int e = Math.getExponent(c) - 52;
        BigInteger mantissa = BigInteger.valueOf((Double.doubleToLongBits(c) & ((1L << 52) - 1)) | (1L << 52));
        BigInteger square = mantissa.multiply(mantissa);
        BigInteger reference = n;
        if (e >= 0) {
            square = square.shiftLeft(2 * e);
        } else {
            reference = reference.shiftLeft(-2 * e);
        }
        return Math.abs(square.subtract(reference).doubleValue() / reference.doubleValue()) / 2;
    }

    /** {@code secondDerivatives} validates its degree and its input table like the other entry points. */
    @Test
    void secondDerivativesCheckTheDegreeAndTheValuesTable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Hermite.secondDerivatives(5, new double[3], new double[6]));
        assertEquals("values has length 3 but maxDegree + 1 = 6 is required: allocate a longer array", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Hermite.secondDerivatives(-1, new double[1], new double[1]));
        assertThrows(IllegalArgumentException.class, () -> Hermite.secondDerivatives(Hermite.MAX_DEGREE + 1,
                new double[Hermite.MAX_DEGREE + 2], new double[Hermite.MAX_DEGREE + 2]));
    }

    /** The messages name the array, its length and the length required ({@code maxDegree + 1}). */
    @Test
    void shortArrayMessagesStateTheRequiredLength() {
        assertEquals("out has length 3 but maxDegree + 1 = 6 is required: allocate a longer array",
                assertThrows(IllegalArgumentException.class, () -> Hermite.values(0.0, 5, new double[3]))
                        .getMessage());
        assertEquals("derivatives has length 5 but maxDegree + 1 = 6 is required: allocate a longer array",
                assertThrows(IllegalArgumentException.class,
                        () -> Hermite.valuesAndDerivatives(0.0, 5, new double[6], new double[5])).getMessage());
        assertEquals("second has length 4 but maxDegree + 1 = 6 is required: allocate a longer array",
                assertThrows(IllegalArgumentException.class,
                        () -> Hermite.secondDerivatives(5, new double[6], new double[4])).getMessage());
        assertEquals("out has length 5 but maxDegree + 1 = 6 is required: allocate a longer array",
                assertThrows(IllegalArgumentException.class, () -> Hermite.values(0.0, 5, new double[5]))
                        .getMessage(), "one entry short");
        assertEquals("maxDegree = -1 must be >= 0: Hermite degrees are non-negative",
                assertThrows(IllegalArgumentException.class, () -> Hermite.values(0.0, -1, new double[1]))
                        .getMessage());
    }
}
