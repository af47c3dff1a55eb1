package org.replearn.core.hermite;

import java.util.Arrays;
import org.apache.commons.math3.special.Erf;
import org.replearn.core.Validate;

/**
 * Gaussian moments of the ReLU derivative with bias (docs/math.md §5): for {@code ψ(t) = 1[t + b > 0]} and
 * {@code ξ ~ N(0, s²)}, {@code m_0 = Φ(b/s)} and {@code m_k = E ψ^{(k)}(ξ) = He_{k-1}(-b/s) φ(b/s) / s^k} for k ≥ 1.
 *
 * <p>Evaluated by the probabilists' recurrence {@code He_{j+1}(t) = t He_j(t) - j He_{j-1}(t)} at {@code t = -b/s}
 * with the factors {@code φ(b/s)} and {@code 1/s} folded in: {@code m_{k+1} = (t m_k - (k-1) m_{k-1} / s) / s},
 * {@code m_1 = φ(b/s)/s}. No factorials appear; when {@code φ(b/s)} underflows ({@code |b/s| > 38.6}) every
 * {@code m_k}, {@code k >= 1}, is 0.
 */
public final class ReluMoments {
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2 * Math.PI);
    private static final double INV_SQRT_2 = 1.0 / Math.sqrt(2.0);

    private ReluMoments() {
    }

    /** {@code m_k(b, s)}. */
    public static double moment(int k, double b, double s) {
        Validate.atLeast("k", k, 0, "moments are indexed from 0");
        double[] out = new double[k + 1];
        moments(k, b, s, out);
        return out[k];
    }

    /**
     * Writes {@code m_0, ..., m_K} into {@code out[0..K]}.
     *
     * @param maxK {@code K >= 0}
     * @param b    the bias, finite
     * @param s    the standard deviation {@code ||w||} of the pre-activation, finite and {@code > 0}
     * @param out  array of length {@code >= K+1}
     * @throws IllegalArgumentException on bad arguments, or when some {@code m_k} exceeds the double range
     */
    public static void moments(int maxK, double b, double s, double[] out) {
        Validate.atLeast("maxK", maxK, 0, "moments are indexed from 0");
        if (out.length < maxK + 1) {
            throw new IllegalArgumentException("out has length " + out.length + " but maxK + 1 = " + (maxK + 1)
                    + " is required: allocate a longer array");
        }
        Validate.positive("s", s, "s is the norm ||w|| of a non-zero weight vector");
        Validate.finite("b", b);
        double beta = b / s;
        out[0] = 0.5 * Erf.erfc(-beta * INV_SQRT_2);
        if (maxK == 0) {
            return;
        }
        double invS = 1.0 / s;
        double density = INV_SQRT_2PI * StrictMath.exp(-0.5 * beta * beta);
        if (density == 0) {
            Arrays.fill(out, 1, maxK + 1, 0.0);
            return;
        }
        double t = -beta;
        double prev = 0;              // the He_{-1} term, multiplied by 0 in the first step
        double cur = density * invS;  // m_1
        out[1] = cur;
        for (int k = 1; k < maxK; k++) {
            double next = (t * cur - (k - 1) * prev * invS) * invS;
            prev = cur;
            cur = next;
            out[k + 1] = next;
        }
        for (int k = 1; k <= maxK; k++) {
            if (!Double.isFinite(out[k])) {
                throw new IllegalArgumentException("m_" + k + " overflows the double range for b = " + b + ", s = " + s
                        + ": m_k grows like s^-k; use fewer moments or a larger s");
            }
        }
    }
}
