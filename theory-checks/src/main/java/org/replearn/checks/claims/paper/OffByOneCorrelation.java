package org.replearn.checks.claims.paper;

import org.ejml.data.DMatrixRMaj;
import org.replearn.core.hermite.ReluMoments;
import org.replearn.core.targets.HermitePolynomial;
import org.replearn.core.targets.Target;

/**
 * A deliberately wrong population correlation, the negative control of {@link PopulationGradientClaim}: docs/math.md
 * §5's {@code g_j = E[f* 1[w_j·x + b_j > 0] x]} with every ReLU moment shifted by one ({@code m_{k+1}} where the
 * formula has {@code m_k}), the off-by-one a hand implementation of the moments easily makes.
 */
final class OffByOneCorrelation {
    private OffByOneCorrelation() {
    }

    /** The wrong correlations of every neuron {@code (w_j, b_j)}, neuron-major ({@code j·d + c}). */
    static double[] of(Target target, DMatrixRMaj w, double[] b) {
        int d = w.numCols;
        int r = target.rank();
        HermitePolynomial g = target.link();
        int p = g.degree();
        double[] out = new double[w.numRows * d];
        double[] row = new double[d];
        double[] v = new double[r];
        double[] grad = new double[r];
        double[] m = new double[p + 3];
        for (int j = 0; j < w.numRows; j++) {
            System.arraycopy(w.data, j * d, row, 0, d);
            double s = 0;
            for (double x : row) {
                s += x * x;
            }
            ReluMoments.moments(p + 2, b[j], Math.sqrt(s), m);
            target.project(row, v);
            double[] inSpan = new double[r];
            double along = 0;
            for (int k = 0; k <= p; k++) {
                if (k + 1 <= p) {
                    g.gradQ(k + 1, v, grad);
                    for (int i = 0; i < r; i++) {
                        inSpan[i] += m[k + 1] * grad[i];
                    }
                }
                along += m[k + 2] * g.q(k, v);
            }
            for (int c = 0; c < d; c++) {
                double acc = along * row[c];
                for (int i = 0; i < r; i++) {
                    acc += target.frame().get(i, c) * inSpan[i];
                }
                out[j * d + c] = acc;
            }
        }
        return out;
    }
}
