package org.replearn.core.hermite;

import org.apache.commons.math3.special.Erf;

/**
 * Gaussian moments of the ReLU derivative with bias (THEORY §5): for {@code ψ(t) = 1[t + b > 0]} and
 * {@code ξ ~ N(0, s²)}, {@code m_0 = Φ(b/s)} and {@code m_k = E ψ^{(k)}(ξ) = He_{k-1}(-b/s) φ(b/s) / s^k} for k ≥ 1.
 */
public final class ReluMoments {
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2 * Math.PI);

    private ReluMoments() {
    }

    /** {@code m_k(b, s)}. */
    public static double moment(int k, double b, double s) {
        double[] out = new double[k + 1];
        moments(k, b, s, out);
        return out[k];
    }

    /**
     * Writes {@code m_0, ..., m_K} into {@code out}. Uses the probabilists' recurrence
     * {@code He_{j+1}(t) = t He_j(t) - j He_{j-1}(t)} at {@code t = -b/s}, scaled by {@code 1/s} per order.
     */
    public static void moments(int maxK, double b, double s, double[] out) {
        if (maxK < 0) {
            throw new IllegalArgumentException("maxK = " + maxK + " must be >= 0");
        }
        if (out.length < maxK + 1) {
            throw new IllegalArgumentException("out has length " + out.length + " but maxK + 1 = " + (maxK + 1)
                    + " is required: allocate a longer array");
        }
        if (!(s > 0) || !Double.isFinite(s)) {
            throw new IllegalArgumentException("s = " + s + " must be finite and > 0: s is the norm ||w|| of a non-zero weight");
        }
        if (!Double.isFinite(b)) {
            throw new IllegalArgumentException("b = " + b + " is not finite: remove NaN/Inf from the biases");
        }
        double beta = b / s;
        out[0] = 0.5 * Erf.erfc(-beta / Math.sqrt(2.0));
        if (maxK == 0) {
            return;
        }
        double t = -beta;
        double density = INV_SQRT_2PI * StrictMath.exp(-0.5 * beta * beta);
        // scaled[j] = He_j(t) / s^{j+1}, built by the recurrence with the 1/s factors folded in.
        double prev = 0;            // He_{-1} := 0
        double cur = 1.0 / s;        // He_0 / s
        double invS = 1.0 / s;
        out[1] = density * cur;
        for (int j = 0; j + 2 <= maxK; j++) {
            double next = (t * cur - j * prev * invS) * invS; // He_{j+1}(t)/s^{j+2}
            prev = cur;
            cur = next;
            out[j + 2] = density * cur;
        }
    }
}
