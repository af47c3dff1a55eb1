package org.replearn.core.theory;

import org.ejml.data.DMatrixRMaj;
import org.replearn.core.Validate;
import org.replearn.core.hermite.ReluMoments;
import org.replearn.core.targets.HermitePolynomial;
import org.replearn.core.targets.Target;

/**
 * The exact population correlation behind the first gradient step (docs/math.md §5): for {@code ψ(t) = 1[t + b > 0]},
 * <pre>E_x[f*(x) ψ(w·x) x] = Uᵀ Σ_k m_k ∇Q_{k+1}(Uw) + w Σ_k m_{k+1} Q_k(Uw)</pre>
 * with {@code m_k = ReluMoments.moment(k, b, ||w||)}. Exact for polynomial targets (finite sums).
 */
public final class PopulationGradient {
    private PopulationGradient() {
    }

    /**
     * {@link #correlation} for every neuron: row {@code j} of the result (m×d) is
     * {@code E_x[f*(x) 1[w_j·x + b_j > 0] x]} for row {@code w_j} of {@code w} and bias {@code b[j]}.
     */
    public static DMatrixRMaj correlations(Target target, DMatrixRMaj w, double[] b) {
        Validate.dimension("b", b.length, w.numRows, "one bias per row of w");
        int d = w.numCols;
        DMatrixRMaj out = new DMatrixRMaj(w.numRows, d);
        double[] row = new double[d];
        for (int j = 0; j < w.numRows; j++) {
            System.arraycopy(w.data, j * d, row, 0, d);
            System.arraycopy(correlation(target, row, b[j]), 0, out.data, j * d, d);
        }
        return out;
    }

    /** {@code E_x[f*(x) 1[w·x + b > 0] x]} (length d). */
    public static double[] correlation(Target target, double[] w, double b) {
        int d = target.dimension();
        int r = target.rank();
        Validate.dimension("w", w.length, d, "pass a weight vector of length d");
        Validate.finite("w", w);
        Validate.finite("b", b);
        double s = 0;
        for (double v : w) {
            s += v * v;
        }
        s = Math.sqrt(s);
        if (s == 0) {
            throw new IllegalArgumentException("w = 0: the population gradient needs a non-zero weight vector");
        }
        HermitePolynomial g = target.link();
        int p = g.degree();
        double[] m = new double[p + 2];
        ReluMoments.moments(p + 1, b, s, m);
        double[] v = new double[r];
        target.project(w, v);
        double[] inSpan = new double[r];
        double[] grad = new double[r];
        double along = 0;
        for (int k = 0; k <= p; k++) {
            if (k + 1 <= p) {
                g.gradQ(k + 1, v, grad);
                for (int i = 0; i < r; i++) {
                    inSpan[i] += m[k] * grad[i];
                }
            }
            along += m[k + 1] * g.q(k, v);
        }
        DMatrixRMaj u = target.frame();
        double[] out = new double[d];
        for (int j = 0; j < d; j++) {
            double acc = along * w[j];
            for (int i = 0; i < r; i++) {
                acc += u.get(i, j) * inSpan[i];
            }
            out[j] = acc;
        }
        return out;
    }
}
