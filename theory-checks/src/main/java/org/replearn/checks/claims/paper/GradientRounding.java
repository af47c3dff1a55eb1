package org.replearn.checks.claims.paper;

import org.ejml.data.DMatrixRMaj;
import org.replearn.core.network.TwoLayerNetwork;

/**
 * The scales of the rounding error of a computed loss {@code L = (1/n) Σ_i e_i²} and gradient
 * {@code ∂L/∂a_j = (2/n) Σ_i e_i σ(s_ij)}, {@code ∂L/∂w_jk = (2/n) Σ_i e_i a_j 1[s_ij > 0] x_ik},
 * {@code ∂L/∂b_j = (2/n) Σ_i e_i a_j 1[s_ij > 0]}, {@code e_i = f(x_i) − t_i}, in any summation order. With
 * {@code S_ij = Σ_k |w_jk x_ik| + |b_j|} and a label scale {@code T_i} bounding {@code |t_i|} and the sizes summed to
 * form it, {@code A_i = Σ_j |a_j| S_ij + T_i} bounds {@code |e_i|} and the sizes summed to form it. A computation of
 * depth {@code K} (operations along any one term) then errs by at most {@code γ_K = Ku/(1 − Ku) <= Kε}
 * ({@code u = ε/2}) times {@link #a}, {@link #w}, {@link #b} (loss: {@code 2γ_K} times {@link #loss}), plus, where
 * {@code |s_ij| <= 2(d+1)ε S_ij} (two computations of {@code s_ij} may disagree on its sign), the whole term:
 * {@link #wKink}, {@link #bKink}.
 *
 * @param a     {@code (2/n) Σ_i 2 A_i S_ij} (both factors of {@code e_i σ(s_ij)} carry rounding)
 * @param w     {@code (2/n) |a_j| Σ_i A_i |x_ik|}, row-major m×d
 * @param b     {@code (2/n) |a_j| Σ_i A_i}
 * @param loss  {@code mean_i A_i²}
 * @param wKink {@code (2/n) |a_j| Σ_{i near the kink of j} 2 A_i |x_ik|} (2 covers the rounding of the term itself)
 * @param bKink {@code (2/n) |a_j| Σ_{i near the kink of j} 2 A_i}
 */
record GradientRounding(double[] a, double[] w, double[] b, double loss, double[] wKink, double[] bKink) {
    private static final double EPS = Math.ulp(1.0);

    /** The scales for {@code net} on the rows of {@code x} with label scales {@code labelScale[i] = T_i}. */
    static GradientRounding of(TwoLayerNetwork net, DMatrixRMaj x, double[] labelScale) {
        int n = x.numRows;
        int d = x.numCols;
        int m = net.width();
        DMatrixRMaj w = net.weights();
        double[] bias = net.biases();
        double[] out = net.outputWeights();
        DMatrixRMaj s = net.preactivations(x);
        double[] ga = new double[m];
        double[] gw = new double[m * d];
        double[] gb = new double[m];
        double[] wKink = new double[m * d];
        double[] bKink = new double[m];
        double[] big = new double[m];
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double ai = labelScale[i];
            for (int j = 0; j < m; j++) {
                big[j] = Math.abs(bias[j]);
                for (int k = 0; k < d; k++) {
                    big[j] += Math.abs(w.get(j, k) * x.get(i, k));
                }
                ai += Math.abs(out[j]) * big[j];
            }
            loss += ai * ai;
            for (int j = 0; j < m; j++) {
                double kink = Math.abs(s.get(i, j)) <= 2 * (d + 1) * EPS * big[j] ? 2 : 0;
                ga[j] += 2 * ai * big[j];
                gb[j] += ai;
                bKink[j] += kink * ai;
                for (int k = 0; k < d; k++) {
                    gw[j * d + k] += ai * Math.abs(x.get(i, k));
                    wKink[j * d + k] += kink * ai * Math.abs(x.get(i, k));
                }
            }
        }
        double scale = 2.0 / n;
        for (int j = 0; j < m; j++) {
            double sa = scale * Math.abs(out[j]);
            ga[j] *= scale;
            gb[j] *= sa;
            bKink[j] *= sa;
            for (int k = 0; k < d; k++) {
                gw[j * d + k] *= sa;
                wKink[j * d + k] *= sa;
            }
        }
        return new GradientRounding(ga, gw, gb, loss / n, wKink, bKink);
    }
}
