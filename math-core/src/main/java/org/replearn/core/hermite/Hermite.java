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
     * {@code h_a h_b = Σ_{k=0}^{min(a,b)} sqrt(C(a,k) C(b,k) C(a+b-2k, a-k)) h_{a+b-2k}}.
     */
    public static double productCoefficient(int a, int b, int k) {
        if (a < 0 || b < 0 || k < 0 || k > Math.min(a, b)) {
            throw new IllegalArgumentException("productCoefficient(" + a + ", " + b + ", " + k
                    + "): need a, b >= 0 and 0 <= k <= min(a, b)");
        }
        return Math.sqrt(CombinatoricsUtils.binomialCoefficientDouble(a, k)
                * CombinatoricsUtils.binomialCoefficientDouble(b, k)
                * CombinatoricsUtils.binomialCoefficientDouble(a + b - 2 * k, a - k));
    }

    private static void checkDegree(int maxDegree, String name, double[] out) {
        if (maxDegree < 0) {
            throw new IllegalArgumentException("maxDegree = " + maxDegree
                    + " must be >= 0: Hermite degrees are non-negative");
        }
        if (maxDegree >= SQRT.length - 1) {
            throw new IllegalArgumentException("maxDegree = " + maxDegree + " exceeds " + (SQRT.length - 2)
                    + ": use Hermite.value(k, z) for a single very high degree");
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

    private static final int TABLE = 4098;
    private static final double[] SQRT = new double[TABLE];
    private static final double[] INV_SQRT = new double[TABLE];

    static {
        for (int k = 0; k < TABLE; k++) {
            SQRT[k] = Math.sqrt(k);
            INV_SQRT[k] = k == 0 ? Double.POSITIVE_INFINITY : 1.0 / Math.sqrt(k);
        }
    }
}
