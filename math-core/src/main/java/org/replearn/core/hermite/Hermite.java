package org.replearn.core.hermite;

import org.apache.commons.math3.util.CombinatoricsUtils;

/**
 * Normalized probabilists' Hermite polynomials {@code h_k = He_k / sqrt(k!)}, orthonormal under N(0,1).
 *
 * <p>Evaluated by the normalized three-term recurrence
 * {@code h_{k+1}(z) = (z h_k(z) - sqrt(k) h_{k-1}(z)) / sqrt(k+1)}, which needs no factorials and stays finite
 * for degrees in the thousands at moderate {@code |z|}. Derivative: {@code h_k'(z) = sqrt(k) h_{k-1}(z)}.
 */
public final class Hermite {
    /**
     * The largest supported degree: the tabulated evaluation ({@link #values} and its derivatives) and the
     * linearization coefficients ({@link #productCoefficient}) take degrees up to this, and so do targets.
     */
    public static final int MAX_DEGREE = 4096;

    private Hermite() {
    }

    /**
     * Writes {@code h_0(z), ..., h_K(z)} into {@code out[0..K]}.
     *
     * @param z         the point
     * @param maxDegree {@code K >= 0}
     * @param out       array of length {@code >= K+1}
     */
    public static void values(double z, int maxDegree, double[] out) {
        checkDegree(maxDegree, "out", out);
        out[0] = 1.0;
        if (maxDegree == 0) {
            return;
        }
        out[1] = z;
        double prev = 1.0;
        double cur = z;
        for (int k = 1; k < maxDegree; k++) {
            double next = (z * cur - SQRT[k] * prev) * INV_SQRT[k + 1];
            out[k + 1] = next;
            prev = cur;
            cur = next;
        }
    }

    /** Returns {@code h_k(z)}. */
    public static double value(int k, double z) {
        if (k < 0) {
            throw new IllegalArgumentException("degree k = " + k + " must be >= 0: Hermite degrees are non-negative");
        }
        if (k == 0) {
            return 1.0;
        }
        double prev = 1.0;
        double cur = z;
        for (int j = 1; j < k; j++) {
            double next = (z * cur - sqrt(j) * prev) * invSqrt(j + 1);
            prev = cur;
            cur = next;
        }
        return cur;
    }

    /**
     * Writes values {@code h_k(z)} and derivatives {@code h_k'(z) = sqrt(k) h_{k-1}(z)} for {@code k = 0..K}.
     */
    public static void valuesAndDerivatives(double z, int maxDegree, double[] values, double[] derivatives) {
        values(z, maxDegree, values);
        if (derivatives.length < maxDegree + 1) {
            throw new IllegalArgumentException("derivatives has length " + derivatives.length + " but maxDegree + 1 = "
                    + (maxDegree + 1) + " is required: allocate a longer array");
        }
        derivatives[0] = 0.0;
        for (int k = 1; k <= maxDegree; k++) {
            derivatives[k] = sqrt(k) * values[k - 1];
        }
    }

    /** Second derivatives {@code h_k''(z) = sqrt(k(k-1)) h_{k-2}(z)} from precomputed values. */
    public static void secondDerivatives(int maxDegree, double[] values, double[] second) {
        checkDegree(maxDegree, "values", values);
        if (second.length < maxDegree + 1) {
            throw new IllegalArgumentException("second has length " + second.length + " but maxDegree + 1 = "
                    + (maxDegree + 1) + " is required: allocate a longer array");
        }
        for (int k = 0; k <= maxDegree; k++) {
            second[k] = k < 2 ? 0.0 : sqrt(k) * sqrt(k - 1) * values[k - 2];
        }
    }

    /**
     * Linearization coefficient of a product of normalized Hermite polynomials in one variable:
     * {@code h_a h_b = Σ_{k=0}^{min(a,b)} sqrt(C(a,k) C(b,k) C(a+b-2k, a-k)) h_{a+b-2k}}, for
     * {@code a, b <= MAX_DEGREE}; {@code +Infinity} when it exceeds the double range. Exact binomials for
     * {@code a + b < 67}; above, {@code sqrt(a! b! (a+b-2k)!) / (k! (a-k)! (b-k)!)} from a table of factorials,
     * relative error below {@code 2(a+b)ε}, in constant time.
     */
    public static double productCoefficient(int a, int b, int k) {
        if (a < 0 || b < 0 || k < 0 || k > Math.min(a, b) || Math.max(a, b) > MAX_DEGREE) {
            throw new IllegalArgumentException("productCoefficient(" + a + ", " + b + ", " + k
                    + "): need 0 <= a, b <= Hermite.MAX_DEGREE = " + MAX_DEGREE + " and 0 <= k <= min(a, b)");
        }
        int n = a + b - 2 * k;
        if (a + b < EXACT_BINOMIALS) {
            return Math.sqrt(CombinatoricsUtils.binomialCoefficientDouble(a, k)
                    * CombinatoricsUtils.binomialCoefficientDouble(b, k)
                    * CombinatoricsUtils.binomialCoefficientDouble(n, a - k));
        }
        double numerator = FACTORIAL_MANTISSA[a] * FACTORIAL_MANTISSA[b] * FACTORIAL_MANTISSA[n];
        int twiceExponent = FACTORIAL_EXPONENT[a] + FACTORIAL_EXPONENT[b] + FACTORIAL_EXPONENT[n];
        if (twiceExponent % 2 != 0) {
            numerator *= 2;
            twiceExponent--;
        }
        double denominator = FACTORIAL_MANTISSA[k] * FACTORIAL_MANTISSA[a - k] * FACTORIAL_MANTISSA[b - k];
        int exponent = twiceExponent / 2 - FACTORIAL_EXPONENT[k] - FACTORIAL_EXPONENT[a - k]
                - FACTORIAL_EXPONENT[b - k];
        return Math.scalb(Math.sqrt(numerator) / denominator, exponent);
    }

    private static void checkDegree(int maxDegree, String name, double[] out) {
        if (maxDegree < 0) {
            throw new IllegalArgumentException("maxDegree = " + maxDegree
                    + " must be >= 0: Hermite degrees are non-negative");
        }
        if (maxDegree > MAX_DEGREE) {
            throw new IllegalArgumentException("maxDegree = " + maxDegree + " exceeds Hermite.MAX_DEGREE = "
                    + MAX_DEGREE + ": use Hermite.value(k, z) for a single higher degree");
        }
        if (out.length < maxDegree + 1) {
            throw new IllegalArgumentException(name + " has length " + out.length + " but maxDegree + 1 = "
                    + (maxDegree + 1) + " is required: allocate a longer array");
        }
    }

    private static double invSqrt(int k) {
        return k < INV_SQRT.length ? INV_SQRT[k] : 1.0 / Math.sqrt(k);
    }

    private static double sqrt(int k) {
        return k < SQRT.length ? SQRT[k] : Math.sqrt(k);
    }

    /** {@code sqrt(k)} and {@code 1/sqrt(k)} for {@code k <= MAX_DEGREE}, all the recurrences need. */
    private static final double[] SQRT = new double[MAX_DEGREE + 1];
    private static final double[] INV_SQRT = new double[MAX_DEGREE + 1];
    /** {@link #productCoefficient} uses exact long binomials below this {@code a + b}. */
    private static final int EXACT_BINOMIALS = 67;
    /** {@code n! = FACTORIAL_MANTISSA[n] · 2^FACTORIAL_EXPONENT[n]}, mantissa in [1, 2), {@code n <= 2 MAX_DEGREE}. */
    private static final double[] FACTORIAL_MANTISSA = new double[2 * MAX_DEGREE + 1];
    private static final int[] FACTORIAL_EXPONENT = new int[2 * MAX_DEGREE + 1];

    static {
        for (int k = 0; k <= MAX_DEGREE; k++) {
            SQRT[k] = Math.sqrt(k);
            INV_SQRT[k] = k == 0 ? Double.POSITIVE_INFINITY : 1.0 / Math.sqrt(k);
        }
        double mantissa = 1.0;
        int exponent = 0;
        FACTORIAL_MANTISSA[0] = 1.0;
        for (int n = 1; n < FACTORIAL_MANTISSA.length; n++) {
            mantissa *= n;
            int shift = Math.getExponent(mantissa);
            mantissa = Math.scalb(mantissa, -shift);
            exponent += shift;
            FACTORIAL_MANTISSA[n] = mantissa;
            FACTORIAL_EXPONENT[n] = exponent;
        }
    }
}
